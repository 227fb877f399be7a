using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Web.Security;

/// <summary>
/// The capabilities of the roles matrix a page (on its model) or a form's handler (on its method) needs; a person
/// whose roles grant not all of them gets the 403 page (<see cref="RolesMatrixFilter"/>), before the API is called.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequiresAttribute(params PersonCapability[] capabilities) : Attribute
{
    public IReadOnlyList<PersonCapability> Capabilities { get; } = capabilities;
}
