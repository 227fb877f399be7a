using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Referrals;

/// <summary>
/// A referral that names no performer asks the directory for one (docs/routing.md): the service is its category, the
/// place its <c>locationCode</c> — an ISO 3166-1 alpha-2 country and optionally an ISO 3166-2 region of it — and the
/// language the survivor's preferred (or first) <c>Patient.communication</c>, when given. Routing chooses.
/// </summary>
public static partial class DirectoryReferrals
{
    public const string CountrySystem = "urn:iso:std:iso:3166";
    public const string RegionSystem = "urn:iso:std:iso:3166:-2";

    public static bool AsksTheDirectory(ServiceRequest request) => request.Performer.Count == 0;

    /// <summary>Refuses (422) a directory referral that does not say what and where.</summary>
    public static void Check(ServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var countries = Codes(request, CountrySystem).ToList();
        if (countries.Count != 1 || !Country().IsMatch(countries[0]))
        {
            throw FhirInputException.Unprocessable(
                $"A referral without a performer is routed through the directory: it needs exactly one locationCode of {CountrySystem} (an ISO 3166-1 alpha-2 country, e.g. NG).");
        }

        var regions = Codes(request, RegionSystem).ToList();
        if (regions.Count > 1 || (regions.Count == 1 && !regions[0].StartsWith($"{countries[0]}-", StringComparison.Ordinal)))
        {
            throw FhirInputException.Unprocessable(
                $"A directory referral may name one region, a locationCode of {RegionSystem} within its country (e.g. {countries[0]}-XX).");
        }
    }

    public static DirectoryQuery QueryOf(ServiceRequest request, Patient? patient)
    {
        ArgumentNullException.ThrowIfNull(request);
        var service = request.Category.SelectMany(c => c.Coding)
            .Where(c => c.System == HubVocabulary.Services.Url && HubVocabulary.Services.Contains(c.Code))
            .Select(c => c.Code).OfType<string>().First();
        var language = patient?.Communication
            .OrderByDescending(c => c.Preferred == true)
            .SelectMany(c => c.Language?.Coding ?? [])
            .Select(c => c.Code)
            .FirstOrDefault(code => !string.IsNullOrWhiteSpace(code));
        return new DirectoryQuery(service, Codes(request, CountrySystem).Single(), Codes(request, RegionSystem).SingleOrDefault(), language);
    }

    private static IEnumerable<string> Codes(ServiceRequest request, string system) =>
        request.LocationCode.SelectMany(c => c.Coding).Where(c => c.System == system).Select(c => c.Code).OfType<string>();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();
}
