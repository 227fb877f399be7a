namespace ReferralHub.Web.Survivors;

/// <summary>The languages a caseworker can record (BCP 47), those of the hub's partners first.</summary>
public static class SpokenLanguages
{
    public static readonly IReadOnlyList<string> Codes = ["en", "bin", "pcm", "yo", "ig", "ha", "it", "fr"];
}
