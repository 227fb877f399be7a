namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>The Development demo people (README), all with the public demo password.</summary>
public static class DemoPeople
{
    public const string Password = "demo-password";
    public const string ShelterCaseworker = "caseworker@shelter-it-roma";
    public const string ShelterSupervisor = "supervisor@shelter-it-roma";
    public const string EdoCaseworker = "caseworker@ngo-ng-edo";
    public const string EdoAdministrator = "admin@ngo-ng-edo";

    /// <summary>Holds the supervisor role alone: oversight without case work (the roles matrix, SECURITY.md).</summary>
    public const string LagosSupervisor = "supervisor@ngo-ng-lagos";
}
