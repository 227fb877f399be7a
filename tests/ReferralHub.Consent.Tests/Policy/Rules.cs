using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Tests.Policy;

/// <summary>Builds provision rules the way DESIGN §7 writes them; the fluent helpers change and return the same rule.</summary>
internal static class Rules
{
    public const string Edo = "ngo-ng-edo";
    public const string Lagos = "ngo-ng-lagos";
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /// <summary>A permit to <see cref="Edo"/> for reintegration assistance of these classes.</summary>
    public static ProvisionRule Permit(params string[] classes) =>
        new ProvisionRule { Type = FhirConsent.ConsentProvisionType.Permit }
            .To(Edo)
            .For(Purpose.ReintegrationAssistance)
            .Classes(classes);

    /// <summary>A deny of these classes (no other criteria: it applies wherever its ancestors do).</summary>
    public static ProvisionRule Deny(params string[] classes) =>
        new ProvisionRule { Type = FhirConsent.ConsentProvisionType.Deny }.Classes(classes);

    /// <summary>The usual root: deny everything except the nested permits.</summary>
    public static ProvisionRule BaseDeny(params ProvisionRule[] exceptions) =>
        new ProvisionRule { Type = FhirConsent.ConsentProvisionType.Deny }.With(exceptions);

    public static ProvisionRule With(this ProvisionRule rule, params ProvisionRule[] nested)
    {
        rule.Provision.AddRange(nested);
        return rule;
    }

    public static ProvisionRule To(this ProvisionRule rule, string organizationId, string role = "IRCP", string roleSystem = ParticipationType)
    {
        rule.Actor =
        [
            new FhirConsent.provisionActorComponent
            {
                Role = new CodeableConcept(roleSystem, role),
                Reference = new ResourceReference($"Organization/{organizationId}"),
            },
        ];
        return rule;
    }

    public static ProvisionRule For(this ProvisionRule rule, string purpose, string? system = null)
    {
        rule.Purpose = [new Coding(system ?? HubVocabulary.Purposes.Url, purpose)];
        return rule;
    }

    public static ProvisionRule Classes(this ProvisionRule rule, params string[] classes)
    {
        rule.Class = classes.Select(c => new Coding(HubVocabulary.DataClasses.Url, c)).ToList();
        return rule;
    }

    public static ProvisionRule During(this ProvisionRule rule, string? start, string? end)
    {
        rule.Period = new Period { Start = start, End = end };
        return rule;
    }

    public static ProvisionRule WithoutActors(this ProvisionRule rule)
    {
        rule.Actor = [];
        return rule;
    }

    public static ProvisionRule WithoutPurposes(this ProvisionRule rule)
    {
        rule.Purpose = [];
        return rule;
    }

    public static ProvisionRule WithoutClasses(this ProvisionRule rule)
    {
        rule.Class = [];
        return rule;
    }

    public static ProvisionRule WithoutType(this ProvisionRule rule)
    {
        rule.Type = null;
        return rule;
    }
}
