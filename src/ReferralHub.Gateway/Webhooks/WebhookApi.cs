using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Search;
using Endpoint = Hl7.Fhir.Model.Endpoint;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// The operators' webhook API: channels as FHIR <c>Endpoint</c>s (read, search, update-as-create), the secret rotation
/// operation on Organization, and the dead letters (<c>/webhooks/dead-letters</c>). Operators only: anyone else gets 403.
/// Literal routes such as <c>/fhir/Endpoint/{id}</c> take precedence over the generic <c>/fhir/{type}/{id}</c>.
/// </summary>
public static class WebhookApi
{
    public const string RotateOperation = "rotate-webhook-secret";
    public const string RotateDefinition = "http://referralhub.org/fhir/OperationDefinition/Organization-rotate-webhook-secret";
    public const string DeadLettersPath = "/webhooks/dead-letters";

    public static void MapWebhookApi(this WebApplication app)
    {
        var fhir = app.MapGroup(FhirEndpoints.Base)
            .AddEndpointFilter<FhirErrorFilter>()
            .AddEndpointFilter<FhirAuthenticationFilter>()
            .AddEndpointFilter<OperatorOnlyFilter>();
        fhir.MapGet("/Endpoint", SearchAsync).RequireScope("Endpoint", 's');
        fhir.MapGet("/Endpoint/{id}", ReadAsync).RequireScope("Endpoint", 'r');
        fhir.MapGet("/Endpoint/{id}/_history/{version:int}", ReadVersionAsync).RequireScope("Endpoint", 'r');
        fhir.MapPut("/Endpoint/{id}", PutAsync).RequireScope("Endpoint", 'u');
        fhir.MapPost("/Endpoint", () => new FhirResult(
            Outcomes.Error("not-supported", "Create an Endpoint with PUT /fhir/Endpoint/{id} (e.g. <organisation id>-webhook)."), StatusCodes.Status405MethodNotAllowed));
        fhir.MapPost($"/Organization/{{id}}/${RotateOperation}", RotateAsync).RequireScope("Endpoint", 'u');

        var deadLetters = app.MapGroup(DeadLettersPath)
            .AddEndpointFilter<FhirErrorFilter>()
            .AddEndpointFilter<FhirAuthenticationFilter>()
            .AddEndpointFilter<OperatorOnlyFilter>();
        deadLetters.MapGet(string.Empty, async (string? organization, DeadLetters letters, HttpContext context) =>
            Results.Json(await letters.ListAsync(organization, context.RequestAborted)));
        deadLetters.MapPost("/{deliveryId:guid}/redeliver", async (Guid deliveryId, DeadLetters letters, HttpContext context) =>
        {
            await letters.RedeliverAsync(deliveryId, context.RequestAborted);
            return new FhirResult(Outcomes.Information($"Delivery {deliveryId} is queued again with a fresh retry budget."), StatusCodes.Status202Accepted);
        });
    }

    private static async Task<IResult> ReadAsync(string id, WebhookChannels channels, HttpContext context) =>
        new FhirResult(await channels.ReadAsync(id, context.RequestAborted));

    private static async Task<IResult> ReadVersionAsync(string id, int version, WebhookChannels channels, HttpContext context)
    {
        var current = await channels.ReadAsync(id, context.RequestAborted);
        return current.Meta?.VersionId == version.ToString(CultureInfo.InvariantCulture)
            ? new FhirResult(current)
            : throw new FhirInputException(404, $"Endpoint/{id} keeps only its current version.");
    }

    private static async Task<IResult> SearchAsync(WebhookChannels channels, HttpContext context)
    {
        var query = SearchQuery.Parse("Endpoint", context.Request.Query);
        var rows = await channels.All.OrderBy(c => c.OrganizationId).ToListAsync(context.RequestAborted);
        var organizations = query.AnyOf("organization")?.Select(o => o.StartsWith("Organization/", StringComparison.Ordinal) ? o["Organization/".Length..] : o).ToHashSet();
        var ids = query.AnyOf("_id")?.ToHashSet();
        var matches = rows
            .Where(c => organizations is null || organizations.Contains(c.OrganizationId))
            .Where(c => ids is null || ids.Contains(c.EndpointId))
            .Where(c => query.LastUpdated.All(d => d.Matches(c.LastUpdated)))
            .Select(WebhookEndpointResource.Render)
            .ToList();
        return new FhirResult(SearchBundles.Create(context.Request, FhirEndpoints.FhirBase(context.Request), query, matches.Count, SearchBundles.Page(query, matches)));
    }

    private static async Task<IResult> PutAsync(string id, HttpContext context, FhirBody body, WebhookChannels channels)
    {
        var ifMatch = ETags.ParseIfMatch(context.Request.Headers.IfMatch);
        var endpoint = await body.ReadAsync<Endpoint>(context.Request);
        var (created, stored) = await channels.PutAsync(id, endpoint, ifMatch, ChannelOperator.Of(context.User), context.RequestAborted);
        return created
            ? new FhirResult(stored, StatusCodes.Status201Created) { Location = $"{FhirEndpoints.FhirBase(context.Request)}/Endpoint/{id}/_history/{stored.Meta?.VersionId}" }
            : new FhirResult(stored);
    }

    /// <summary>
    /// A new secret, answered once as <c>Parameters.secret</c> (with <c>rotatedAt</c> and, during the overlap,
    /// <c>previousValidUntil</c>). <c>Cache-Control: no-store</c> keeps it out of caches.
    /// </summary>
    private static async Task<IResult> RotateAsync(string id, WebhookSecrets secrets, HttpContext context)
    {
        var rotated = await secrets.RotateAsync(id, ChannelOperator.Of(context.User), context.RequestAborted);
        var parameters = new Parameters();
        parameters.Add("secret", new FhirString(rotated.Secret));
        parameters.Add("rotatedAt", new Instant(new DateTimeOffset(rotated.RotatedAt, TimeSpan.Zero)));
        if (rotated.PreviousValidUntil is { } until)
        {
            parameters.Add("previousValidUntil", new Instant(new DateTimeOffset(until, TimeSpan.Zero)));
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return new FhirResult(parameters);
    }
}
