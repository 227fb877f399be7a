using System.Net;
using System.Text.Json;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;

namespace ReferralHub.EndToEnd.Tests.MessageSigning;

/// <summary>
/// Signed message Bundles (issue 16): what the hub sent an agency, and when, is provable with only the hub's published
/// keys — checked by an independent JOSE implementation in another language (tools/verify-message, <c>jose</c> on Node.js).
/// </summary>
public sealed class SignedMessageTests(RetryingWebhookHub fixture) : IClassFixture<RetryingWebhookHub>
{
    private const string KeysPath = ".well-known/message-signing-keys";

    private readonly HubClient shelter = fixture.Hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = fixture.Hub.ClientFor(HubServerFixture.NgoEdo);
    private readonly WebhookOperator operations = new(fixture.Hub.ClientFor(WebhookOperator.OperatorClient));

    private string KeysUrl => new Uri(fixture.Hub.BaseAddress, $"fhir/{KeysPath}").AbsoluteUri;

    [Fact]
    public async Task A_webhook_delivery_verifies_with_jose_in_JavaScript_using_only_the_published_keys_and_a_copy_with_one_changed_byte_does_not()
    {
        await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var delivery = await Eventually.UntilAsync("the referral-request reached the agency's webhook",
            () => Task.FromResult(agency.ReferralRequestsFor(referral.TaskId)), received => received.Count > 0, _ => agency.Describe());
        var keys = await PublishedKeysAsync(fixture.Hub);

        var verified = await VerifyMessageScript.VerifyBodyAsync(KeysUrl, delivery[0].Body, delivery[0].Jws!);
        Expect.That(verified.Verified, "verify.mjs verifies X-ReferralHub-JWS over the delivered body with the keys it fetched from the hub", verified.Output);
        Expect.That(verified.Output.Contains($"kid={keys[0]}", StringComparison.Ordinal) && verified.Output.Contains($"signed={DateTimeOffset.UtcNow:yyyy-MM-dd}", StringComparison.Ordinal),
            "it names the current key and the signing time", verified.Output);

        var tampered = delivery[0].Body.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;
        var refused = await VerifyMessageScript.VerifyBodyAsync(KeysUrl, tampered, delivery[0].Jws!);
        Expect.That(refused.ExitCode == 1, "the same signature over a copy with one changed byte fails", refused.Output);
    }

    [Fact]
    public async Task The_mailbox_serves_each_message_with_a_Bundle_signature_over_its_canonical_JSON_that_jose_verifies_and_a_changed_Bundle_fails()
    {
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var read = await ReferralRequestReadAsync(edo, referral.TaskId);

        var signature = read.As<Bundle>().Signature;
        Expect.That(signature is { SigFormat: "application/jose", Who: ResourceReference { Identifier.Value: "urn:referralhub:hub" } } && signature.When > DateTimeOffset.UtcNow.AddMinutes(-5),
            "Bundle.signature is a JWS made by the hub, saying when", read.Body);
        var verified = await VerifyMessageScript.VerifyBundleAsync(KeysUrl, read.Body);
        Expect.That(verified.Verified, "verify.mjs verifies Bundle.signature over the Bundle's canonical JSON without its signature", verified.Output);

        var changed = read.Body.Replace("\"ReferralHub\"", "\"ReferralHuB\"", StringComparison.Ordinal);
        Expect.That(changed != read.Body, "the copy differs from what the hub served");
        var refused = await VerifyMessageScript.VerifyBundleAsync(KeysUrl, changed);
        Expect.That(refused.ExitCode == 1, "a Bundle changed after signing fails", refused.Output);
    }

    [Fact]
    public async Task The_CapabilityStatement_says_where_the_message_signing_keys_are()
    {
        var metadata = (await fixture.Hub.AnonymousClient().GetAsync("metadata")).ShouldBe(HttpStatusCode.OK, "anyone reads the CapabilityStatement").As<CapabilityStatement>();

        var security = metadata.Rest[0].Security?.Description ?? string.Empty;
        Expect.That(security.Contains(KeysUrl, StringComparison.Ordinal), "rest.security names the JWK Set URL", security);
    }

    [Fact]
    public async Task After_a_key_rotation_the_hub_publishes_both_keys_and_a_message_signed_with_the_previous_key_still_verifies()
    {
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var signedBefore = await ReferralRequestReadAsync(edo, referral.TaskId);
        var previousKey = (await PublishedKeysAsync(fixture.Hub)).Single();

        // The rotation: a new key (this hub's data folder has none yet), the previous public key kept and configured.
        var rotated = new HubServerFixture(
            ["--ReferralHub:MessageSigning:PreviousPublicKeys:0", Path.Combine(fixture.Hub.DataFolder, "message-signing-key.pub.pem")]);
        await rotated.InitializeAsync();
        try
        {
            var keys = await PublishedKeysAsync(rotated);
            Expect.That(keys.Count == 2 && keys[0] != previousKey && keys[1] == previousKey, "the new key is published first, the previous one beside it", string.Join(", ", keys));
            var rotatedKeysUrl = new Uri(rotated.BaseAddress, $"fhir/{KeysPath}").AbsoluteUri;
            var verified = await VerifyMessageScript.VerifyBundleAsync(rotatedKeysUrl, signedBefore.Body);
            Expect.That(verified.Verified && verified.Output.Contains($"kid={previousKey}", StringComparison.Ordinal),
                "a message signed before the rotation verifies with the keys published after it", verified.Output);
        }
        finally
        {
            await rotated.DisposeAsync();
        }
    }

    /// <summary>The kids of the published JWK Set, in order, read anonymously.</summary>
    private static async Task<IReadOnlyList<string>> PublishedKeysAsync(HubServerFixture hub)
    {
        var response = (await hub.AnonymousClient().GetAsync(KeysPath)).ShouldBe(HttpStatusCode.OK, "anyone reads the hub's message-signing keys");
        using var set = JsonDocument.Parse(response.Body);
        return [.. set.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    /// <summary>The recipient's read (<c>GET /fhir/Bundle/{id}</c>) of the referral-request message of the Task.</summary>
    private static async Task<HubResponse> ReferralRequestReadAsync(HubClient recipient, string taskId)
    {
        var message = await Eventually.UntilAsync("the referral-request is in the recipient's mailbox",
            async () => (await LifecycleSteps.MessagesAsync(recipient)).FirstOrDefault(m =>
                m.Entry.FirstOrDefault()?.Resource is MessageHeader header && header.Focus.Any(f => f.Reference == $"Task/{taskId}")),
            found => found is not null);
        return (await recipient.GetAsync($"Bundle/{message!.Id}")).ShouldBe(HttpStatusCode.OK, "the recipient reads its message");
    }
}
