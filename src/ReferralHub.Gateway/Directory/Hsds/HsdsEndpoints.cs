using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Directory.Hsds;

/// <summary>
/// <c>GET /directory/hsds</c> (any authenticated organisation) and <c>POST /directory/hsds[?dryRun=true]</c>
/// (operators). Errors are OperationOutcomes, as on the FHIR API.
/// </summary>
public static class HsdsEndpoints
{
    public const string Path = "/directory/hsds";

    /// <summary>Large enough for a national directory, small enough to parse in memory.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    public static void MapHsdsExchange(this WebApplication app)
    {
        var group = app.MapGroup(Path).AddEndpointFilter<FhirErrorFilter>().AddEndpointFilter<FhirAuthenticationFilter>();
        group.MapGet(string.Empty, ExportAsync);
        group.MapPost(string.Empty, ImportAsync);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, HsdsExchange exchange)
    {
        var caller = Caller(context);
        caller.Require("Organization", 's');
        caller.Require("HealthcareService", 's');
        var document = await exchange.ExportAsync(context.RequestAborted);
        return Results.Text(JsonSerializer.Serialize(document, HsdsDirectory.JsonOptions), "application/json", System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, HsdsExchange exchange, bool? dryRun)
    {
        var caller = Caller(context);
        foreach (var type in DirectoryVocabulary.ResourceTypes)
        {
            DirectoryWriter.RequireOperator(caller, type, 'c');
            DirectoryWriter.RequireOperator(caller, type, 'u');
        }

        var document = await ReadAsync(context.Request);
        var result = await exchange.ImportAsync(document, dryRun ?? false, context.RequestAborted);
        return Results.Json(result, HsdsDirectory.JsonOptions);
    }

    private static async Task<HsdsDirectory> ReadAsync(HttpRequest request)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new FhirInputException(415, "Send the HSDS document as application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw new FhirInputException(413, $"The HSDS document is larger than {MaxBodyBytes} bytes.");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<HsdsDirectory>(request.Body, HsdsDirectory.JsonOptions, request.HttpContext.RequestAborted)
                ?? throw new FhirInputException(400, "The body is not an HSDS directory document.");
        }
        catch (JsonException e)
        {
            // The parser's message names the path and position, never a value.
            throw new FhirInputException(400, $"The body is not a valid HSDS directory document: {e.Path} (line {e.LineNumber}).");
        }
    }

    private static FhirCaller Caller(HttpContext context) => (FhirCaller)context.Items[typeof(FhirCaller)]!;
}
