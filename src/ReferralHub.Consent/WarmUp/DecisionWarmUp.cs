using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Consent.Disclosures;
using ReferralHub.Consent.Fhir;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.ServiceDefaults.Privacy;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Consent.WarmUp;

/// <summary>
/// Decides one made-up referral when the service starts, as a submission's consent check would be decided: the
/// registry's query, the consent's parse, the evaluator, the redactor and the sealing. The first real decision would
/// otherwise pay for their first use (a second of CPU on an idle host, many on a busy one) inside the Gateway's
/// wait for its answer. <see cref="DecisionWarmUpCheck"/> keeps the service unready until it is done. Nothing is
/// stored and nothing is sent; the made-up survivor's key is never wrapped into any row.
/// </summary>
public sealed class DecisionWarmUp(IServiceScopeFactory scopes, DisclosureDecider decider, HubKeyring keyring, TimeProvider clock) : BackgroundService
{
    private const string Survivor = "warm-up";
    private const string Custodian = "warm-up-custodian";
    private const string Recipient = "warm-up-recipient";

    private volatile bool warm;

    public bool IsWarm => warm;

    protected override async System.Threading.Tasks.Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRegistry>().VersionsForPatientAsync(Survivor, Custodian, stoppingToken);
        }

        var key = keyring.NewKey(Survivor);
        var consent = new ConsentText("warm-up-consent", 1, Custodian, Survivor, FhirJsonText.Serialize(Consent()));
        var referral = new DisclosureCase(
            "warm-up-task", Custodian, [Recipient], Purpose.ReintegrationAssistance, Survivor,
            [new FhirPayload("Patient", Survivor, key.Seal(FhirJsonText.Serialize(Patient())))]);
        _ = decider.Decide(referral, [consent], clock.GetUtcNow());
        warm = true;
    }

    private static FhirConsent Consent() => new()
    {
        Id = "warm-up-consent",
        Status = FhirConsent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0")],
        Patient = new ResourceReference($"Patient/{Survivor}"),
        Organization = [new ResourceReference($"Organization/{Custodian}")],
        Provision = new FhirConsent.provisionComponent
        {
            Type = FhirConsent.ConsentProvisionType.Permit,
            Actor = [new FhirConsent.provisionActorComponent
            {
                Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"),
                Reference = new ResourceReference($"Organization/{Recipient}"),
            }],
            Purpose = [new Coding(HubVocabulary.Purposes.Url, Purpose.ReintegrationAssistance)],
            Class = [new Coding(HubVocabulary.DataClasses.Url, DataClass.Referral), new Coding(HubVocabulary.DataClasses.Url, DataClass.Name)],
        },
    };

    private static Patient Patient() => new()
    {
        Id = Survivor,
        Name = [new HumanName { Family = "Warm", Given = ["Up"] }],
        BirthDate = "1990",
        Address = [new Address { City = "Nowhere" }],
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "000")],
    };
}
