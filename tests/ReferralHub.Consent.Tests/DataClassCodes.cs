using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Tests;

/// <summary>Every code of the data-class CodeSystem, in its order: tests iterate over these so a new class cannot be forgotten.</summary>
internal static class DataClassCodes
{
    public static IReadOnlyList<string> All { get; } = HubVocabulary.DataClasses.Concepts.Select(c => c.Code).ToList();

    public static string[] AllExcept(params string[] excluded) => All.Except(excluded).ToArray();
}
