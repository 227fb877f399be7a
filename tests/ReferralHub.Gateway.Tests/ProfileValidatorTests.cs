using System.Text;
using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Validation;
using FhirConsent = Hl7.Fhir.Model.Consent;
using FhirTask = Hl7.Fhir.Model.Task;
using IssueSeverity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace ReferralHub.Gateway.Tests;

/// <summary>The Gateway's validator against the hub's profiles, on the shipped examples and variations of them.</summary>
public sealed class ProfileValidatorTests
{
    private const string DataClassSystem = "http://referralhub.org/fhir/CodeSystem/data-class";

    private static readonly ProfileValidator Profiles = ProfileValidator.Shared;

    [Theory]
    [InlineData("Consent-example.json", HubProfiles.Consent)]
    [InlineData("ServiceRequest-example.json", HubProfiles.ReferralServiceRequest)]
    [InlineData("Task-example.json", HubProfiles.ReferralTask)]
    [InlineData("Task-follow-up-example.json", HubProfiles.FollowUpTask)]
    [InlineData("Communication-example.json", HubProfiles.Communication)]
    public void Each_example_conforms_to_its_profile_with_no_error(string file, string profile)
    {
        var example = Example<Resource>(file);

        Assert.Equal([profile], example.Meta?.Profile ?? []);
        Assert.Empty(Errors(Profiles.Validate(example, profile)));
    }

    [Fact]
    public void A_Consent_without_a_patient_breaks_the_profile()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        consent.Patient = null;

        var error = Assert.Throws<FhirInputException>(() => Profiles.EnsureConform([(consent, null)]));

        Assert.Equal(422, error.Status);
        Assert.Contains(error.Issues, issue => issue.Severity == IssueSeverity.Error && issue.Expression.Contains("Consent") && Text(issue).Contains("'patient'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void An_unknown_data_class_breaks_the_profile_at_each_level_of_the_provision_tree(int depth)
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        var rule = RuleAt(consent, depth);
        rule.Class.Add(new Coding(DataClassSystem, "shoe-size"));

        var issue = Assert.Single(Errors(Profiles.Validate(consent)));
        Assert.Equal(IssueType.CodeInvalid, issue.Code);
        Assert.Equal($"Consent{string.Concat(Enumerable.Repeat(".provision[0]", depth))}.class[{rule.Class.Count - 1}]", Assert.Single(issue.Expression));
    }

    [Fact]
    public void A_purpose_outside_the_hubs_purposes_breaks_the_profile()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        RuleAt(consent, 2).Purpose = [new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HRESCH")];

        Assert.Equal(IssueType.CodeInvalid, Assert.Single(Errors(Profiles.Validate(consent))).Code);
    }

    [Fact]
    public void A_permit_must_name_its_actors_as_information_recipients_while_a_deny_may_name_any_role()
    {
        // The consent evaluator counts an actor in any role for a deny, and only an IRCP for a permit.
        var otherRole = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PRCP");
        var permit = Example<FhirConsent>("Consent-example.json");
        RuleAt(permit, 2).Actor[0].Role = otherRole;
        var deny = Example<FhirConsent>("Consent-example.json");
        RuleAt(deny, 3).Actor.Add(new FhirConsent.provisionActorComponent { Role = otherRole, Reference = new ResourceReference("Organization/ngo-ng-lagos") });

        Assert.Contains("rh-consent-2", Text(Assert.Single(Errors(Profiles.Validate(permit)))), StringComparison.Ordinal);
        Assert.Empty(Errors(Profiles.Validate(deny)));
    }

    [Fact]
    public void Every_rule_of_the_provision_tree_must_say_whether_it_permits_or_denies()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        RuleAt(consent, 3).Type = null;

        Assert.Contains("rh-consent-1", Text(Assert.Single(Errors(Profiles.Validate(consent)))), StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_referral_names_exactly_one_performer_and_a_known_service()
    {
        var referral = Example<ServiceRequest>("ServiceRequest-example.json");
        referral.Performer.Add(new ResourceReference("Organization/ngo-ng-lagos"));
        referral.Category[0].Coding[0].Code = "unknown-service";

        var errors = Errors(Profiles.Validate(referral)).Select(Text).ToList();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, text => text.Contains("rh-referral-1", StringComparison.Ordinal));
        Assert.Contains(errors, text => text.Contains("category:service", StringComparison.Ordinal));
    }

    [Fact]
    public void An_active_referral_without_a_performer_conforms_when_it_names_a_country_for_the_directory()
    {
        var referral = Example<ServiceRequest>("ServiceRequest-example.json");
        referral.Performer.Clear();
        var withoutPlace = Errors(Profiles.Validate(referral)).Select(Text).ToList();
        referral.LocationCode.Add(new CodeableConcept("urn:iso:std:iso:3166", "NG"));

        Assert.Contains(withoutPlace, text => text.Contains("rh-referral-1", StringComparison.Ordinal));
        Assert.Empty(Errors(Profiles.Validate(referral)));
    }

    [Fact]
    public void A_referral_Task_is_an_order_with_its_focus()
    {
        var task = Example<FhirTask>("Task-example.json");
        task.Intent = FhirTask.TaskIntent.Plan;
        task.Focus = null;

        Assert.Equal(2, Errors(Profiles.Validate(task)).Count);
    }

    [Fact]
    public void The_Task_the_hub_creates_for_a_referral_conforms_to_the_referral_Task_profile()
    {
        var task = Tasks.TaskFactory.ForReferral("request-1", "patient-1", "shelter-it-roma", "ngo-ng-edo", DateTimeOffset.UtcNow);

        Assert.Empty(Errors(Profiles.Validate(task)));
    }

    [Fact]
    public void A_follow_up_names_its_referral_and_its_due_date()
    {
        var followUp = Example<FhirTask>("Task-follow-up-example.json");
        followUp.PartOf.Clear();
        followUp.Restriction = null;

        var errors = Errors(Profiles.Validate(followUp, HubProfiles.FollowUpTask));

        Assert.Contains(errors, issue => issue.Expression.Contains("Task") && Text(issue).Contains("'partOf'", StringComparison.Ordinal));
        Assert.Contains(errors, issue => issue.Expression.Contains("Task") && Text(issue).Contains("'restriction'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_follow_up_without_the_follow_up_code_breaks_its_profile()
    {
        var followUp = Example<FhirTask>("Task-follow-up-example.json");
        followUp.Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill");

        Assert.NotEmpty(Errors(Profiles.Validate(followUp, HubProfiles.FollowUpTask)));
    }

    [Fact]
    public void A_Communication_carries_text_about_one_Task()
    {
        var communication = Example<Communication>("Communication-example.json");
        communication.About.Add(new ResourceReference("Task/another"));
        communication.Payload[0].Content = new Attachment { ContentType = "text/plain", Data = [1, 2, 3] };

        Assert.Equal(2, Errors(Profiles.Validate(communication)).Count);
    }

    [Fact]
    public void Profiles_a_client_claims_are_not_checked_only_the_hubs_own()
    {
        var referral = Example<ServiceRequest>("ServiceRequest-example.json");
        referral.Meta!.Profile = ["http://example.org/fhir/StructureDefinition/someone-elses-referral"];

        Assert.Empty(Errors(Profiles.Validate(referral)));
    }

    [Fact]
    public void Resources_the_hub_has_no_profile_for_are_not_validated() =>
        Assert.Empty(Profiles.Validate(new Patient()));

    [Fact]
    public void The_issues_of_a_Bundle_entry_point_into_the_request_body()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        RuleAt(consent, 1).Class.Add(new Coding(DataClassSystem, "shoe-size"));
        consent.Patient = null;

        var error = Assert.Throws<FhirInputException>(() => Profiles.EnsureConform([(Example<ServiceRequest>("ServiceRequest-example.json"), "Bundle.entry[0].resource"), (consent, "Bundle.entry[1].resource")]));

        Assert.Contains("Bundle.entry[1].resource", error.Message, StringComparison.Ordinal);
        Assert.Equal(["Bundle.entry[1].resource", "Bundle.entry[1].resource.provision[0].class[0]"], error.Issues.SelectMany(issue => issue.Expression).OfType<string>().Order().ToArray());
    }

    [Fact]
    public void Validations_in_parallel_give_the_same_issues_as_one_at_a_time()
    {
        var valid = Example<FhirConsent>("Consent-example.json");
        var invalid = Example<FhirConsent>("Consent-example.json");
        RuleAt(invalid, 2).Class.Add(new Coding(DataClassSystem, "shoe-size"));
        Resource[] resources = [valid, invalid, Example<ServiceRequest>("ServiceRequest-example.json"), Example<FhirTask>("Task-example.json")];
        var expected = resources.Select(Describe).ToArray();

        var inParallel = new string[64];
        Parallel.For(0, inParallel.Length, i => inParallel[i] = Describe(resources[i % resources.Length]));

        Assert.Equal(Enumerable.Range(0, inParallel.Length).Select(i => expected[i % resources.Length]), inParallel);
    }

    [Fact]
    public void Validations_that_race_to_load_a_definition_of_a_cold_validator_answer_as_a_warm_one_does()
    {
        // A Consent's patient reference is the first string a validation meets after the warm-up, which validates
        // empty resources; CI once saw this race answer 422, "Index was out of range" while loading string.
        var consent = Example<FhirConsent>("Consent-example.json");
        var expected = Describe(consent);

        for (var round = 0; round < 2; round++)
        {
            var cold = new ProfileValidator(maxInstances: 2);
            var start = new Barrier(8);
            var inParallel = new string[8];
            Parallel.For(0, inParallel.Length, new ParallelOptions { MaxDegreeOfParallelism = inParallel.Length }, i =>
            {
                start.SignalAndWait();
                inParallel[i] = Describe(cold, consent);
            });

            Assert.All(inParallel, answer => Assert.Equal(expected, answer));
        }
    }

    private static T Example<T>(string file)
        where T : Resource =>
        (T)FhirJson.ParseInput(Encoding.UTF8.GetBytes(CodeSystemLoader.ReadExampleJson(Path.GetFileNameWithoutExtension(file))));

    /// <summary>The example's first rule at a depth: 1 the base deny, 2 its permit, 3 the permit's own deny.</summary>
    private static FhirConsent.provisionComponent RuleAt(FhirConsent consent, int depth)
    {
        var rule = consent.Provision ?? throw new InvalidOperationException("The example Consent has a provision.");
        for (var level = 1; level < depth; level++)
        {
            rule = rule.Provision[0];
        }

        return rule;
    }

    private static List<OperationOutcome.IssueComponent> Errors(IEnumerable<OperationOutcome.IssueComponent> issues) =>
        [.. issues.Where(issue => issue.Severity is IssueSeverity.Error or IssueSeverity.Fatal)];

    private static string Text(OperationOutcome.IssueComponent issue) => $"{issue.Details?.Text} {issue.Diagnostics}";

    private static string Describe(Resource resource) => Describe(Profiles, resource);

    private static string Describe(ProfileValidator validator, Resource resource) =>
        string.Join("\n", validator.Validate(resource).Select(issue => $"{issue.Severity} {issue.Code} {string.Join(",", issue.Expression)} {Text(issue)}"));
}
