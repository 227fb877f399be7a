using System.Security.Claims;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Identity.Tests;

public sealed class SmartScopeTests
{
    [Theory]
    [InlineData("system/Task.rus", "Task", 'r', true)]
    [InlineData("system/Task.rus", "Task", 'u', true)]
    [InlineData("system/Task.rus", "Task", 's', true)]
    [InlineData("system/Task.rus", "Task", 'c', false)]
    [InlineData("system/Task.rus", "Task", 'd', false)]
    [InlineData("system/Task.rus", "Patient", 'r', false)]
    [InlineData("system/*.cruds", "Consent", 'd', true)]
    [InlineData("system/Task.read", "Task", 's', true)]
    [InlineData("system/Task.read", "Task", 'u', false)]
    [InlineData("system/Task.write", "Task", 'u', true)]
    [InlineData("system/Task.write", "Task", 'r', false)]
    [InlineData("system/Task.*", "Task", 'd', true)]
    [InlineData("system/*.read", "AuditEvent", 'r', true)]
    [InlineData("patient/Task.rus", "Task", 'r', false)]
    [InlineData("user/*.cruds", "Task", 'r', true)]
    [InlineData("user/Task.rs", "Task", 'u', false)]
    [InlineData("system/Task.sr", "Task", 'r', false)]
    [InlineData("system/Task.rr", "Task", 'r', false)]
    [InlineData("system/Task.", "Task", 'r', false)]
    [InlineData("system/.cruds", "Task", 'r', false)]
    [InlineData("system/Observation.rs?category=laboratory", "Observation", 'r', false)]
    public void Permits_follows_smart_v2_and_v1_semantics(string scope, string resourceType, char interaction, bool permitted) =>
        Assert.Equal(permitted, SmartScopes.Permits(scope, resourceType, interaction));

    [Fact]
    public void Permits_reads_the_space_separated_scope_claim_of_a_token()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(HubClaims.Scope, "system/Patient.r system/Task.rus")], "Bearer"));

        Assert.True(SmartScopes.Permits(user, "Task", 'u'));
        Assert.True(SmartScopes.Permits(user, "Patient", 'r'));
        Assert.False(SmartScopes.Permits(user, "Patient", 's'));
    }

    [Theory]
    [InlineData("system/Task.cruds", "system/Task.rs", true)]
    [InlineData("system/Task.rs", "system/Task.rus", false)]
    [InlineData("system/*.cruds", "system/Task.d", true)]
    [InlineData("system/Task.cruds", "system/*.r", false)]
    [InlineData("system/Task.*", "system/Task.cud", true)]
    public void A_scope_covers_the_narrower_ones(string granted, string requested, bool covered)
    {
        Assert.True(SmartScope.TryParse(granted, out var wide));
        Assert.True(SmartScope.TryParse(requested, out var narrow));

        Assert.Equal(covered, wide.Covers(narrow));
    }

    [Fact]
    public void The_organisation_is_null_when_the_token_has_none()
    {
        Assert.Null(new ClaimsPrincipal(new ClaimsIdentity()).GetOrganizationId());
        Assert.Equal("ngo-ng-edo", new ClaimsPrincipal(new ClaimsIdentity([new Claim(HubClaims.Organization, "ngo-ng-edo")])).GetOrganizationId());
    }
}
