namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// What the recipient of one case must see, element by element, once the decision is known — the redaction rules of
/// DESIGN §7 (and the hub's <c>Redactor</c> remarks) applied to the case's element catalogue.
/// </summary>
public sealed class DisclosureExpectation(CaseInstance instance, ConsentDecision decision)
{
    public CaseInstance Instance { get; } = instance;

    public ConsentDecision Decision { get; } = decision;

    /// <summary>In supportingInfo, with data-class categories that are all Observation classes and all permitted.</summary>
    public bool ObservationDisclosed(int index)
    {
        var observation = Instance.Shape.Observations[index];
        var classes = observation.Categories.Where(code => code.HubSystem).Select(code => code.Code).Distinct().ToList();
        return Decision.Accepted && observation.Supporting && classes.Count > 0
            && classes.All(code => CaseGenerators.ObservationClasses.Contains(code) && Decision.Permits(code));
    }

    public bool Visible(CaseElement element) => Decision.Accepted && element.Disclosure.Kind switch
    {
        DisclosureKind.Referral => true,
        DisclosureKind.ByClass => Decision.Permits(element.Disclosure.DataClass!),
        DisclosureKind.WithObservation => ObservationDisclosed(element.Disclosure.Observation!.Value),
        _ => false,
    };

    /// <summary>Whether the view of <paramref name="resource"/> lacks anything its source has (so it must be labelled REDACTED).</summary>
    public bool Withheld(string resource)
    {
        var lacking = Instance.Elements.Any(e => e.Resource == resource && e.Disclosure.Kind != DisclosureKind.Bookkeeping && !Visible(e));
        // reasonReference is disclosed under needs, and then dropped unless it points at a disclosed Observation.
        var droppedReason = resource == "ServiceRequest" && Instance.Shape.Request.ReasonReference is { } target
            && !(Decision.Permits("needs") && ObservationDisclosed(target));
        return lacking || droppedReason;
    }

    /// <summary>The recipient's Patient.birthDate: the full date, only its year, or nothing.</summary>
    public string? BirthDate =>
        !Instance.Shape.Patient.Has(PatientPart.BirthDate) || !Decision.Accepted ? null
        : Decision.Permits("birth-date") ? Instance.BirthDate
        : Decision.Permits("birth-year") ? Instance.BirthYear
        : null;

    public AdministrativeGender? Gender =>
        Instance.Shape.Patient.Has(PatientPart.Gender) && Decision.Accepted && Decision.Permits("gender") ? Instance.Gender : null;
}
