using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Channels;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// The organisations' signing secrets: generated here, handed out once, then only used to sign. They are stored
/// encrypted under the hub's key-encryption key, so a copy of the database alone cannot sign (or forge) a delivery.
/// Each rotation is recorded and announced to the organisation (<see cref="ChannelChanges"/>).
/// </summary>
public sealed class WebhookSecrets(GatewayDbContext db, SubmittedResources store, IOptionsMonitor<WebhookOptions> options, ChannelChanges changes, HubKeyring keyring)
{
    /// <summary>A prefix that makes a leaked secret recognisable to secret scanners.</summary>
    public const string Prefix = "rhwhsec_";

    /// <summary>What the stored secrets are bound to: a protected value cannot be passed off as another kind of secret.</summary>
    public const string Purpose = "webhook-signing-secret";

    /// <summary>A fresh secret for the organisation; the previous one keeps signing a second header during the overlap.</summary>
    public async Task<RotatedSecret> RotateAsync(string organizationId, ChannelOperator by, CancellationToken cancellationToken)
    {
        if (await store.FindAsync("Organization", organizationId, cancellationToken) is null)
        {
            throw FhirInputException.NotFound("Organization", organizationId);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var at = db.Clock.GetUtcNow();
        var now = at.UtcDateTime;
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var stored = keyring.ProtectSecret(Purpose, secret);
        var row = await db.WebhookSecrets.SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        var overlap = options.CurrentValue.SecretOverlap;
        if (row is null)
        {
            row = new WebhookSecret { OrganizationId = organizationId, Current = stored, RotatedAt = now };
            db.WebhookSecrets.Add(row);
        }
        else
        {
            row.Previous = overlap > TimeSpan.Zero ? row.Current : null;
            row.PreviousValidUntil = overlap > TimeSpan.Zero ? now + overlap : null;
            row.Current = stored;
            row.RotatedAt = now;
        }

        changes.Record(new ChannelAudit(organizationId, ChannelChangeKind.WebhookSecretRotated, "webhook signing secret", null, null, null, by, at));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RotatedSecret(secret, now, row.PreviousValidUntil);
    }

    /// <summary>The secrets that sign a delivery now: the current one, and the previous one while its overlap lasts.</summary>
    public static (string Current, string? Previous) SigningSecrets(WebhookSecret row, DateTime now, HubKeyring keyring)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(keyring);
        return (keyring.UnprotectSecret(Purpose, row.Current),
            row.Previous is not null && row.PreviousValidUntil > now ? keyring.UnprotectSecret(Purpose, row.Previous) : null);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record RotatedSecret(string Secret, DateTime RotatedAt, DateTime? PreviousValidUntil);
