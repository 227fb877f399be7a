using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway.Signing;

/// <summary>
/// Signs the message Bundles the hub delivers with its message-signing key (docs/message-signing.md): a detached JWS
/// over the exact bytes a push channel sends, and FHIR's <c>Bundle.signature</c> over the Bundle's canonical JSON.
/// The keys are loaded (the current one created on the very first start) before the Gateway takes requests.
/// </summary>
public sealed partial class MessageSigner(IOptions<MessageSigningOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<MessageSigner> logger)
    : IHubInitializer, IDisposable
{
    /// <summary>ISO/ASTM E1762-95 "Source Signature": the hub attests to what it sent, not to having authored it.</summary>
    public static readonly Coding SignatureType = new("urn:iso-astm:E1762-95:2013", "1.2.840.10065.1.12.1.14", "Source Signature");

    public const string SignatureFormat = "application/jose";

    private MessageSigningKey? current;
    private IReadOnlyList<MessageSigningKey> previous = [];

    public int Order => 10;

    public MessageSigningKey Current => current ?? throw new InvalidOperationException("The message-signing key is loaded at start-up, before the first request.");

    /// <summary>The published keys: the current one first, then those it replaced, still verifying what they signed.</summary>
    public IReadOnlyList<EcPublicJwk> PublishedKeys => [Current.Jwk, .. previous.Select(k => k.Jwk).Where(k => k.Kid != Current.KeyId)];

    public async System.Threading.Tasks.Task InitializeAsync(CancellationToken cancellationToken)
    {
        current = await MessageSigningKey.LoadOrCreateAsync(options.Value.KeyPath!, cancellationToken);
        var loaded = new List<MessageSigningKey>();
        foreach (var path in options.Value.PreviousPublicKeys)
        {
            loaded.Add(await MessageSigningKey.LoadPublicAsync(path, cancellationToken));
        }

        previous = loaded;
        if (!environment.IsDevelopment() && options.Value.DefaultedIntoDataFolder)
        {
            LogBesideDatabase(logger, MessageSigningOptions.Section);
        }
    }

    /// <summary>The detached JWS (<c>header..signature</c>) over <paramref name="payload"/>, signed now.</summary>
    public string Sign(ReadOnlySpan<byte> payload) => DetachedJws.Create(Current, payload, clock.GetUtcNow());

    /// <summary>
    /// Sets <c>Bundle.signature</c> (FHIR R4 signatures): <c>data</c> is the detached JWS over the canonical JSON
    /// (RFC 8785) of the Bundle without its <c>signature</c>; <c>when</c> is the time the JWS header states.
    /// </summary>
    public Bundle Sign(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle.Signature = null;
        var now = clock.GetUtcNow();
        var at = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        using var json = JsonDocument.Parse(FhirJson.Serialize(bundle));
        bundle.Signature = new Signature
        {
            Type = [SignatureType],
            When = at,
            Who = new ResourceReference
            {
                Type = "Device",
                Identifier = new Identifier("urn:ietf:rfc:3986", MessageBundles.HubEndpoint),
                Display = "ReferralHub",
            },
            SigFormat = SignatureFormat,
            Data = Encoding.ASCII.GetBytes(DetachedJws.Create(Current, CanonicalJson.Serialize(json.RootElement), at)),
        };
        return bundle;
    }

    public void Dispose()
    {
        current?.Dispose();
        foreach (var key in previous)
        {
            key.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The message-signing key is kept in the SQLite data folder: set {Section}:KeyPath to storage the database's hosts and backups do not reach")]
    private static partial void LogBesideDatabase(ILogger logger, string section);
}
