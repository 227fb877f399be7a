using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralHub.Gateway.Api.Admission;
using ReferralHub.Gateway.Communications;
using ReferralHub.Gateway.Directory;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.FollowUps;
using ReferralHub.Gateway.Referrals;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Search;
using ReferralHub.Gateway.Tasks;
using ReferralHub.ServiceDefaults.Authentication;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Api;

/// <summary>The FHIR R4 REST interactions of DESIGN §5, under <c>/fhir</c>.</summary>
public static class FhirEndpoints
{
    public const string Base = "/fhir";

    public static void MapFhirApi(this WebApplication app)
    {
        var fhir = app.MapGroup(Base).AddEndpointFilter<FhirAdmissionFilter>().AddEndpointFilter<FhirErrorFilter>();
        app.MapSmartConfiguration(Base);
        fhir.MapGet("/metadata", (HttpRequest request) =>
            new FhirResult(CapabilityStatementFactory.Create(FhirBase(request), $"{Origin(request)}/connect/token")));

        var secured = fhir.MapGroup(string.Empty).AddEndpointFilter<FhirAuthenticationFilter>();
        secured.MapPost("/", TransactionAsync);
        secured.MapFhirOperations();
        secured.MapPost("/{type}", CreateAsync);
        secured.MapGet("/{type}", SearchAsync);
        secured.MapGet("/{type}/{id}", ReadAsync);
        secured.MapGet("/{type}/{id}/_history/{version:int}", ReadVersionAsync);
        secured.MapPut("/{type}/{id}", UpdateAsync);
        secured.MapMethods("/{type}/{id}", ["DELETE", "PATCH"], NotAllowed);
        secured.MapMethods("/{type}/{id}/_history", ["GET"], NotAllowed);
        fhir.MapFallback(() => new FhirResult(Outcomes.Error("not-supported", "This FHIR interaction is not supported; see /fhir/metadata."), StatusCodes.Status404NotFound));
    }

    public static string FhirBase(HttpRequest request) => $"{Origin(request)}{Base}";

    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static async Task<IResult> TransactionAsync(HttpContext context, FhirBody body, TransactionProcessor transactions)
    {
        var bundle = await body.ReadAsync<Bundle>(context.Request);
        return new FhirResult(await transactions.ProcessAsync(Caller(context), bundle, context.RequestAborted));
    }

    private static async Task<IResult> CreateAsync(
        string type, HttpContext context, FhirBody body, ReferralSubmission submission, DirectoryWriter directory, FollowUpCreation followUps, CommunicationSending communications)
    {
        RequireKnownType(type);
        if (DirectoryVocabulary.IsDirectoryType(type))
        {
            DirectoryWriter.RequireOperator(Caller(context), type, 'c');
            var entry = await body.ReadAsync(context.Request);
            RequireBodyType(entry, type);
            var stored = await directory.CreateAsync(entry, context.RequestAborted);
            return new FhirResult(stored, StatusCodes.Status201Created) { Location = $"{FhirBase(context.Request)}/{type}/{stored.Id}/_history/{stored.Meta?.VersionId}" };
        }

        var resource = await body.ReadAsync(context.Request);
        RequireBodyType(resource, type);
        Resource created = resource switch
        {
            FhirTask followUp => await followUps.CreateAsync(Caller(context), followUp, context.RequestAborted),
            Communication communication => await communications.SendAsync(Caller(context), communication, context.RequestAborted),
            _ => (await submission.SubmitAsync(Caller(context), [new SubmissionEntry(null, resource)], context.RequestAborted))[0],
        };
        return new FhirResult(created, StatusCodes.Status201Created) { Location = $"{FhirBase(context.Request)}/{type}/{created.Id}/_history/{created.Meta?.VersionId}" };
    }

    private static async Task<IResult> ReadAsync(string type, string id, HttpContext context, FhirReads reads)
    {
        RequireKnownType(type);
        return new FhirResult(await reads.ReadAsync(Caller(context), type, id, FhirBase(context.Request), context.RequestAborted));
    }

    private static async Task<IResult> ReadVersionAsync(string type, string id, int version, HttpContext context, FhirReads reads)
    {
        RequireKnownType(type);
        return new FhirResult(await reads.ReadVersionAsync(Caller(context), type, id, version, FhirBase(context.Request), context.RequestAborted));
    }

    private static async Task<IResult> SearchAsync(string type, HttpContext context, FhirSearches searches, DirectorySearch directory)
    {
        RequireKnownType(type);
        var query = SearchQuery.Parse(type, context.Request.Query);
        if (type == "HealthcareService")
        {
            return new FhirResult(await directory.SearchAsync(Caller(context), query, context.Request, FhirBase(context.Request), context.RequestAborted));
        }

        return new FhirResult(await searches.SearchAsync(Caller(context), query, context.Request, FhirBase(context.Request), context.RequestAborted));
    }

    private static async Task<IResult> UpdateAsync(
        string type, string id, HttpContext context, FhirBody body, ResourceUpdates updates, TaskUpdates taskUpdates, TaskViews views, FollowUpUpdates followUps, DirectoryWriter directory)
    {
        if (FhirCapabilities.Of(type) is not { } capability)
        {
            throw new FhirInputException(404, $"Resource type '{type}' is not supported.");
        }

        if (!capability.Update)
        {
            throw new FhirInputException(405, $"{type} cannot be changed through this API.");
        }

        var caller = Caller(context);
        if (DirectoryVocabulary.IsDirectoryType(type))
        {
            DirectoryWriter.RequireOperator(caller, type, 'u');
        }

        var ifMatch = ETags.ParseIfMatch(context.Request.Headers.IfMatch);
        var resource = await body.ReadAsync(context.Request);
        RequireBodyType(resource, type);
        if (DirectoryVocabulary.IsDirectoryType(type))
        {
            return new FhirResult(await directory.UpdateAsync(id, resource, ifMatch, context.RequestAborted));
        }

        if (resource is FhirTask task)
        {
            caller.Require("Task", 'u');
            if (await followUps.ExistsAsync(id, context.RequestAborted))
            {
                return new FhirResult(await followUps.UpdateAsync(caller, id, task, ifMatch, context.RequestAborted));
            }

            var row = await taskUpdates.UpdateAsync(caller, id, task, ifMatch, context.RequestAborted);
            return new FhirResult(await views.RenderAsync(row, caller.OrganizationId, context.RequestAborted));
        }

        return new FhirResult(await updates.UpdateAsync(caller, id, resource, ifMatch, context.RequestAborted));
    }

    private static IResult NotAllowed(HttpContext context) =>
        new FhirResult(Outcomes.Error("not-supported", $"{context.Request.Method} is not allowed here: resources of the hub are never deleted or patched through the API."), StatusCodes.Status405MethodNotAllowed);

    private static FhirCaller Caller(HttpContext context) => (FhirCaller)context.Items[typeof(FhirCaller)]!;

    private static void RequireKnownType(string type)
    {
        if (FhirCapabilities.Of(type) is null)
        {
            throw new FhirInputException(404, $"Resource type '{type}' is not supported.");
        }
    }

    private static void RequireBodyType(Resource resource, string type)
    {
        if (resource.TypeName != type)
        {
            throw new FhirInputException(400, $"The body is a {resource.TypeName}, the URL names {type}.");
        }
    }
}
