namespace ReferralHub.Web;

/// <summary>Settings of the web application, under <c>ReferralHub:Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "ReferralHub:Web";

    public const string ClientId = "referralhub-web";

    /// <summary>The client secret every Development hub registers (public, like the other demo secrets).</summary>
    public const string DevelopmentClientSecret = "referralhub-web-secret";

    /// <summary>Where the web application listens when it runs as a process of its own.</summary>
    public const string DistributedDefaultUrl = "http://localhost:5084";

    /// <summary>The origin people's browsers reach the web application at; Identity registers its redirect URIs from it.</summary>
    public Uri PublicOrigin { get; set; } = new("http://localhost:5080");

    /// <summary>The hub's FHIR API; by default the public origin's <c>/fhir</c> (the embedded hub, this very process).</summary>
    public Uri? FhirBase { get; set; }

    /// <summary>The web application's OpenID Connect client secret (a Development default, required elsewhere).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long a session lives without a request before the person must sign in again.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>The FHIR base with a trailing slash, so relative references resolve beneath it.</summary>
    public Uri ResolvedFhirBase => new((FhirBase ?? new Uri(PublicOrigin, "fhir")).AbsoluteUri.TrimEnd('/') + "/");
}
