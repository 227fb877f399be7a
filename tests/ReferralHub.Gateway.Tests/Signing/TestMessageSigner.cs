using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Signing;

namespace ReferralHub.Gateway.Tests.Signing;

/// <summary>A message signer with a key of its own in a temporary folder, loaded as at the Gateway's start.</summary>
public static class TestMessageSigner
{
    public static async Task<MessageSigner> CreateAsync(TimeProvider? clock = null)
    {
        var keyPath = Path.Combine(System.IO.Directory.CreateTempSubdirectory("referralhub-signing-").FullName, "message-signing-key.pem");
        var signer = new MessageSigner(
            Options.Create(new MessageSigningOptions { KeyPath = keyPath }),
            new HostingEnvironment { EnvironmentName = "Development" },
            clock ?? TimeProvider.System,
            NullLogger<MessageSigner>.Instance);
        await signer.InitializeAsync(CancellationToken.None);
        return signer;
    }
}
