using System.Net;

namespace ReferralHub.Web.Fhir;

/// <summary>
/// The FHIR API refused a request. <see cref="Diagnostics"/> is the hub's own wording (English, for logs and
/// developers); pages show the person a translated message chosen by <see cref="Status"/>.
/// </summary>
public sealed class HubApiException(HttpStatusCode status, string? diagnostics)
    : Exception($"The FHIR API answered {(int)status}: {diagnostics}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Diagnostics { get; } = diagnostics;

    /// <summary>Data the survivor withdrew consent for (the API answers 403 for copies disclosed under it).</summary>
    public bool IsWithdrawn => Status == HttpStatusCode.Forbidden;
}
