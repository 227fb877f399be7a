namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>A running hub, embedded or distributed, as its users reach it: over HTTP, with the demo clients.</summary>
public interface IRunningHub
{
    /// <summary>Every response the hub sent to the clients of this hub, by caller.</summary>
    ResponseRecorder Responses { get; }

    /// <summary>A client acting for a demo organisation (disposed with the hub).</summary>
    HubClient ClientFor(string organization);

    /// <summary>Gets the demo clients' tokens from the hub's Identity service (and revokes them).</summary>
    TokenSource Tokens { get; }

    /// <summary>A client acting for a demo person signed in through Identity, e.g. <c>caseworker@ngo-ng-edo</c> (disposed with the hub).</summary>
    Task<HubClient> PersonClientAsync(string userName);

    /// <summary>A demo person signed in at the hub's Identity service, who can sign out again (disposed with the hub).</summary>
    Task<PersonSignIn> SignInAsync(string userName);

    /// <summary>A client acting with the person's current access token (disposed with the hub).</summary>
    HubClient ClientFor(PersonSignIn person);
}
