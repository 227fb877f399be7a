using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// The operators' AMQP channel operations on Organization: <c>$open-amqp-channel</c> (open, or rotate the password) and
/// <c>$close-amqp-channel</c>. Operators only: anyone else gets 403.
/// </summary>
public static class AmqpApi
{
    public const string OpenOperation = "open-amqp-channel";
    public const string OpenDefinition = "http://referralhub.org/fhir/OperationDefinition/Organization-open-amqp-channel";
    public const string CloseOperation = "close-amqp-channel";
    public const string CloseDefinition = "http://referralhub.org/fhir/OperationDefinition/Organization-close-amqp-channel";

    public static void MapAmqpApi(this WebApplication app)
    {
        var fhir = app.MapGroup(FhirEndpoints.Base)
            .AddEndpointFilter<FhirErrorFilter>()
            .AddEndpointFilter<FhirAuthenticationFilter>()
            .AddEndpointFilter<OperatorOnlyFilter>();
        fhir.MapPost($"/Organization/{{id}}/${OpenOperation}", OpenAsync).RequireScope("Organization", 'u');
        fhir.MapPost($"/Organization/{{id}}/${CloseOperation}", CloseAsync).RequireScope("Organization", 'u');
    }

    /// <summary>
    /// The connection details and the new password, answered once as Parameters (<c>Cache-Control: no-store</c>): the
    /// broker keeps only its hash, the hub nothing.
    /// </summary>
    private static async Task<IResult> OpenAsync(string id, AmqpChannels channels, HttpContext context)
    {
        var opened = await channels.OpenAsync(id, ChannelOperator.Of(context.User), context.RequestAborted);
        var parameters = new Parameters();
        parameters.Add("address", new FhirUri(opened.Address));
        parameters.Add("virtualHost", new FhirString(opened.VirtualHost));
        parameters.Add("user", new FhirString(opened.User));
        parameters.Add("password", new FhirString(opened.Password));
        parameters.Add("queue", new FhirString(opened.Queue));
        parameters.Add("replyExchange", new FhirString(opened.ReplyExchange));
        parameters.Add("openedAt", new Instant(new DateTimeOffset(opened.OpenedAt, TimeSpan.Zero)));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return new FhirResult(parameters);
    }

    private static async Task<IResult> CloseAsync(string id, AmqpChannels channels, HttpContext context)
    {
        await channels.CloseAsync(id, ChannelOperator.Of(context.User), context.RequestAborted);
        return new FhirResult(Outcomes.Information($"The AMQP channel of Organization/{id} is closed and its broker user deleted."));
    }
}
