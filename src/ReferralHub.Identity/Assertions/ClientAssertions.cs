using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Identity.Assertions;

public static class ClientAssertions
{
    /// <summary>
    /// <c>private_key_jwt</c> as SMART Backend Services profiles it: generic JWT type, token endpoint audience, single use,
    /// and <c>invalid_client</c> for every failure.
    /// </summary>
    public static OpenIddictServerBuilder AcceptSmartClientAssertions(this OpenIddictServerBuilder server) => server
        .AddEventHandler(AcceptSmartAssertionProfile.Descriptor)
        .AddEventHandler(RestoreClientAssertionType.Descriptor)
        .AddEventHandler(RejectReplayedAssertions.Descriptor)
        .AddEventHandler(ReportAssertionFailuresAsInvalidClient.Descriptor);
}
