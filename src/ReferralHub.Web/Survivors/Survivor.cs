using System.Globalization;
using Hl7.Fhir.Model;
using ReferralHub.Web.Fhir;

namespace ReferralHub.Web.Survivors;

/// <summary>
/// A survivor as a page shows her: only the elements the Patient resource carries. For a recipient that is exactly
/// what the consent disclosed; an element that is absent was not shared (or never recorded).
/// </summary>
public sealed record Survivor(
    string Id,
    string? GivenName,
    string? FamilyName,
    string? BirthDate,
    string? Gender,
    IReadOnlyList<string> Languages,
    string? Phone,
    string? Address,
    DateTimeOffset? LastUpdated)
{
    public string? FullName => GivenName is null && FamilyName is null ? null : $"{GivenName} {FamilyName}".Trim();

    public static Survivor From(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var name = patient.Name.FirstOrDefault();
        var address = patient.Address.FirstOrDefault();
        return new Survivor(
            patient.Id ?? string.Empty,
            name is null ? null : string.Join(' ', name.Given),
            name?.Family,
            patient.BirthDate,
            patient.Gender?.ToString().ToLowerInvariant(),
            [.. patient.Communication.SelectMany(c => c.Language?.Coding ?? []).Where(c => c.System == FhirCodes.Bcp47).Select(c => c.Code).OfType<string>()],
            patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            address is null ? null : string.Join(", ", address.Line.Append(address.City).Append(address.Country).Where(p => !string.IsNullOrWhiteSpace(p))),
            patient.Meta?.LastUpdated);
    }

    /// <summary>A FHIR date (<c>1990</c>, <c>1990-05</c>, <c>1990-05-17</c>) in the person's culture.</summary>
    public static string FormatDate(string? fhirDate)
    {
        if (string.IsNullOrEmpty(fhirDate))
        {
            return string.Empty;
        }

        return DateOnly.TryParseExact(fhirDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d", CultureInfo.CurrentCulture)
            : fhirDate;
    }
}
