using System.Net;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity.Tests;

public sealed class StartupTests
{
    /// <summary>What a hub needs outside Development besides its secrets: its issuer and the host names it answers to.</summary>
    private static readonly string[] ConfiguredOutsideDevelopment =
        ["--ReferralHub:Identity:Authority=https://id.hub.example.org/", "--AllowedHosts=id.hub.example.org"];

    [Fact]
    public void Demo_data_in_production_refuses_to_start()
    {
        var data = Directory.CreateTempSubdirectory("referralhub-identity-tests-");
        try
        {
            var exception = Assert.Throws<InvalidOperationException>(() => HubApplication.Build(
                ["--environment=Production", "--ReferralHub:DemoData=true", $"--ConnectionStrings:ReferralHub={data.FullName}"],
                "http://127.0.0.1:0",
                [new IdentityService()]));

            Assert.Contains("Production", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void Demo_data_refuses_to_start_in_staging_as_in_production()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => HubApplication.Build(
            ["--environment=Staging", "--ReferralHub:DemoData=true", .. ConfiguredOutsideDevelopment],
            "http://127.0.0.1:0",
            [new IdentityService()]));

        Assert.Contains("Demo data", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ReferralHub:Web:ClientSecret", "referralhub-web-secret")]
    [InlineData("ConnectionStrings:RabbitMq", "amqp://guest:guest@broker.internal:5672/")]
    [InlineData("ReferralHub:Amqp:Management", "http://referralhub:referralhub@broker.internal:15672/")]
    [InlineData("ConnectionStrings:ReferralHub", "Host=db.internal;Database=referralhub;Username=referralhub;Password=referralhub")]
    public void Outside_development_a_secret_published_with_the_hub_refuses_to_start(string setting, string value)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => HubApplication.Build(
            ["--environment=Staging", $"--{setting}={value}", .. ConfiguredOutsideDevelopment],
            "http://127.0.0.1:0",
            [new IdentityService()]));

        Assert.Contains(setting, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    [InlineData("id.hub.example.org;*")]
    public void Outside_development_a_hub_without_its_own_host_names_refuses_to_start(string? allowedHosts)
    {
        string[] hosts = allowedHosts is null ? [] : [$"--AllowedHosts={allowedHosts}"];

        var exception = Assert.Throws<InvalidOperationException>(() => HubApplication.Build(
            ["--environment=Staging", "--ReferralHub:Identity:Authority=https://id.hub.example.org/", .. hosts],
            "http://127.0.0.1:0",
            [new IdentityService()]));

        Assert.Contains("AllowedHosts", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_identity_without_its_public_issuer_refuses_to_start()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => HubApplication.Build(
            ["--environment=Staging", "--AllowedHosts=id.hub.example.org"],
            "http://127.0.0.1:0",
            [new IdentityService()]));

        Assert.Contains("ReferralHub:Identity:Authority", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_a_service_refuses_an_http_authority()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => HubApplication.Build(
            ["--environment=Staging", "--ReferralHub:Identity:Authority=http://identity.internal:5081"],
            "http://127.0.0.1:0",
            [new ProtectedApiService()]));

        Assert.Contains("https", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_token_endpoint_requires_https()
    {
        await using var hub = await TestHub.StartAsync([new IdentityService()], new Dictionary<string, string>
        {
            ["environment"] = "Staging",
            ["ReferralHub:Identity:Authority"] = "https://id.hub.example.org/",
            ["AllowedHosts"] = "id.hub.example.org;127.0.0.1",
        });

        var response = await TokenClient.DemoClientAsync(hub.Client, "ngo-ng-edo");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_request", response.Error);
    }

    [Fact]
    public async Task Persisted_keys_keep_tokens_valid_across_restarts()
    {
        var data = Directory.CreateTempSubdirectory("referralhub-identity-tests-");
        var settings = new Dictionary<string, string> { ["ReferralHub:Identity:EphemeralKeys"] = "false" };
        var url = TestHub.FreeLocalUrl();
        try
        {
            string token;
            await using (var first = await TestHub.StartAsync([new IdentityService()], settings, TestEndpoints.Map, data.FullName, url))
            {
                token = (await TokenClient.DemoClientAsync(first.Client, "shelter-it-roma")).AccessToken;
            }

            await using var second = await TestHub.StartAsync([new IdentityService()], settings, TestEndpoints.Map, data.FullName, url);
            using var response = await TestEndpoints.WhoAmIAsync(second.Client, token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var signingKeys = Directory.GetFiles(data.FullName, "identity-signing-*-key.pem");
            Assert.NotEmpty(signingKeys);
            if (!OperatingSystem.IsWindows())
            {
                foreach (var signingKey in signingKeys)
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(signingKey));
                }
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task After_an_upgrade_to_rotating_keys_tokens_signed_by_the_one_key_before_keep_validating()
    {
        var data = Directory.CreateTempSubdirectory("referralhub-identity-tests-");
        var url = TestHub.FreeLocalUrl();
        var earlierKey = Path.Combine(data.FullName, "identity-signing-key.pem");
        try
        {
            string token;
            var before = new Dictionary<string, string> { ["ReferralHub:Identity:EphemeralKeys"] = "false", ["ReferralHub:Identity:SigningKeyPath"] = earlierKey };
            await using (var earlier = await TestHub.StartAsync([new IdentityService()], before, TestEndpoints.Map, data.FullName, url))
            {
                token = (await TokenClient.DemoClientAsync(earlier.Client, "shelter-it-roma")).AccessToken;
            }

            var after = new Dictionary<string, string> { ["ReferralHub:Identity:EphemeralKeys"] = "false" };
            await using var upgraded = await TestHub.StartAsync([new IdentityService()], after, TestEndpoints.Map, data.FullName, url);
            using var response = await TestEndpoints.WhoAmIAsync(upgraded.Client, token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(Directory.GetFiles(data.FullName, "identity-signing-*-key.pem"));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_signing_key_may_live_at_a_configured_path_with_the_encryption_key_beside_it()
    {
        var keys = Directory.CreateTempSubdirectory("referralhub-identity-keys-");
        var signingKey = Path.Combine(keys.FullName, "hub-signing.pem");
        var settings = new Dictionary<string, string>
        {
            ["ReferralHub:Identity:EphemeralKeys"] = "false",
            ["ReferralHub:Identity:SigningKeyPath"] = signingKey,
        };
        try
        {
            await using var hub = await TestHub.StartAsync([new IdentityService()], settings);

            Assert.Equal(HttpStatusCode.OK, (await TokenClient.DemoClientAsync(hub.Client, "ngo-ng-edo")).Status);
            Assert.True(File.Exists(signingKey));
            Assert.True(File.Exists(Path.Combine(keys.FullName, "identity-encryption-key.pem")));
            Assert.False(File.Exists(Path.Combine(hub.DataFolder, "identity-signing-key.pem")));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }
}
