using System.Text;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Webhooks;

namespace ReferralHub.Gateway.Tests.Webhooks;

public sealed class WebhookScheduleTests
{
    /// <summary>printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'rhwhsec_test'</summary>
    private const string OpenSslReference = "93cc54b98e1fe94dc723c232b3f6730900514be9432b699dced85ea17bbe54bf";

    private static readonly WebhookOptions Options = new() { FirstRetry = TimeSpan.FromSeconds(10), LongestRetry = TimeSpan.FromHours(1) };

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(20, 3600)]
    public void The_back_off_after_n_failures_is_drawn_between_zero_and_the_doubled_cap(int failures, double capSeconds)
    {
        Assert.Equal(TimeSpan.Zero, WebhookBackoff.After(failures, Options, new FixedRandom(0)));
        Assert.Equal(capSeconds, WebhookBackoff.After(failures, Options, new FixedRandom(0.999999)).TotalSeconds, precision: 2);
    }

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_timestamp_dot_body_keyed_with_the_secret()
    {
        var signature = WebhookSignature.Compute("rhwhsec_test", 1700000000, Encoding.UTF8.GetBytes("{\"a\":1}"));
        Assert.Equal("sha256=" + OpenSslReference, signature);
    }

    [Theory]
    [InlineData("https://agency.example.org/hook", "Production", true)]
    [InlineData("http://agency.example.org/hook", "Development", false)]
    [InlineData("http://127.0.0.1:8080/hook", "Development", true)]
    [InlineData("http://localhost:8080/hook", "Development", true)]
    [InlineData("http://localhost:8080/hook", "Production", false)]
    [InlineData("https://user:password@agency.example.org/hook", "Production", false)]
    [InlineData("ftp://agency.example.org/hook", "Development", false)]
    [InlineData("/relative/hook", "Development", false)]
    public void Webhook_addresses_are_https_with_http_only_to_loopback_in_development(string address, string environment, bool accepted)
    {
        var check = WebhookPolicies.Addresses(environment);
        if (accepted)
        {
            Assert.Equal(new Uri(address).AbsoluteUri, check.Check(address));
        }
        else
        {
            Assert.Equal(422, Assert.Throws<FhirInputException>(() => check.Check(address)).Status);
        }
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
