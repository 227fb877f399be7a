namespace ReferralHub.Web.Survivors;

/// <summary>FHIR administrative gender codes.</summary>
public static class Genders
{
    public static readonly IReadOnlyList<string> Codes = ["female", "male", "other", "unknown"];
}
