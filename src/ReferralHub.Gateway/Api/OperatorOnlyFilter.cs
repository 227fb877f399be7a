using Microsoft.AspNetCore.Http;
using ReferralHub.Gateway.Fhir;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Gateway.Api;

/// <summary>
/// The hub operators' routes (<see cref="HubRoles.Operator"/>): webhook channels, their secrets and dead letters, AMQP
/// channels, the audit log's verification. Anyone else gets the same 403 OperationOutcome on every one of them.
/// </summary>
public sealed class OperatorOnlyFilter : IEndpointFilter
{
    public const string Refusal = "Only the hub's operators may do this.";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.User.HasRole(HubRoles.Operator)
            ? next(context)
            : ValueTask.FromResult<object?>(FhirResult.Outcome(new FhirInputException(403, Refusal)));
}
