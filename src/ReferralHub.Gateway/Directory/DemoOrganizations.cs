using Hl7.Fhir.Model;

namespace ReferralHub.Gateway.Directory;

/// <summary>The demo organisations of DESIGN §4, and the demo operator's own.</summary>
public static class DemoOrganizations
{
    public static IReadOnlyList<Organization> All { get; } =
    [
        Create("shelter-it-roma", "Casa Rifugio Roma (demo shelter)", "prov", "Healthcare Provider", "IT", "Lazio", "Roma"),
        Create("ngo-ng-edo", "Edo Reintegration Initiative (demo NGO)", "cg", "Community Group", "NG", "Edo", "Benin City"),
        Create("ngo-ng-lagos", "Lagos Livelihoods Network (demo NGO)", "cg", "Community Group", "NG", "Lagos", "Lagos"),
        Create("gov-ng-agency", "National Anti-Trafficking Agency (demo government agency)", "govt", "Government", "NG", null, "Abuja"),
        Create("hub-operations", "ReferralHub operations desk (demo operator)", "other", "Other", "IT", "Lazio", "Roma"),
    ];

    private static Organization Create(string id, string name, string type, string typeDisplay, string country, string? state, string city) => new()
    {
        Id = id,
        Active = true,
        Name = name,
        Identifier = [new Identifier("http://referralhub.org/fhir/organization-id", id)],
        Type = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/organization-type", type, typeDisplay)],
        Address = [new Address { City = city, State = state, Country = country }],
    };
}
