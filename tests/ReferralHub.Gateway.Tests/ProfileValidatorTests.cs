using System.Text;
using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Validation;
using FhirConsent = Hl7.Fhir.Model.Consent;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;
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
    public async Task Each_example_conforms_to_its_profile_with_no_error(string file, string profile)
    {
        var example = Example<Resource>(file);

        Assert.Equal([profile], example.Meta?.Profile ?? []);
        Assert.Empty(Errors(await Profiles.ValidateAsync(example, profile, CancellationToken.None)));
    }

    [Fact]
    public async Task A_Consent_without_a_patient_breaks_the_profile()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        consent.Patient = null;

        var error = await Assert.ThrowsAsync<FhirInputException>(() => Profiles.EnsureConformAsync([(consent, null)], CancellationToken.None));

        Assert.Equal(422, error.Status);
        Assert.Contains(error.Issues, issue => issue.Severity == IssueSeverity.Error && issue.Expression.Contains("Consent") && Text(issue).Contains("'patient'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_unknown_data_class_breaks_the_profile_at_each_level_of_the_provision_tree(int depth)
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        var rule = RuleAt(consent, depth);
        rule.Class.Add(new Coding(DataClassSystem, "shoe-size"));

        var issue = Assert.Single(Errors(await Profiles.ValidateAsync(consent, CancellationToken.None)));
        Assert.Equal(IssueType.CodeInvalid, issue.Code);
        Assert.Equal($"Consent{string.Concat(Enumerable.Repeat(".provision[0]", depth))}.class[{rule.Class.Count - 1}]", Assert.Single(issue.Expression));
    }

    [Fact]
    public async Task A_purpose_outside_the_hubs_purposes_breaks_the_profile()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        RuleAt(consent, 2).Purpose = [new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HRESCH")];

        Assert.Equal(IssueType.CodeInvalid, Assert.Single(Errors(await Profiles.ValidateAsync(consent, CancellationToken.None))).Code);
    }

    [Fact]
    public async Task A_permit_must_name_its_actors_as_information_recipients_while_a_deny_may_name_any_role()
    {
        // The consent evaluator counts an actor in any role for a deny, and only an IRCP for a permit.
        var otherRole = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PRCP");
        var permit = Example<FhirConsent>("Consent-example.json");
        RuleAt(permit, 2).Actor[0].Role = otherRole;
        var deny = Example<FhirConsent>("Consent-example.json");
        RuleAt(deny, 3).Actor.Add(new FhirConsent.provisionActorComponent { Role = otherRole, Reference = new ResourceReference("Organization/ngo-ng-lagos") });

        Assert.Contains("rh-consent-2", Text(Assert.Single(Errors(await Profiles.ValidateAsync(permit, CancellationToken.None)))), StringComparison.Ordinal);
        Assert.Empty(Errors(await Profiles.ValidateAsync(deny, CancellationToken.None)));
    }

    [Fact]
    public async Task Every_rule_of_the_provision_tree_must_say_whether_it_permits_or_denies()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        RuleAt(consent, 3).Type = null;

        Assert.Contains("rh-consent-1", Text(Assert.Single(Errors(await Profiles.ValidateAsync(consent, CancellationToken.None)))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_active_referral_names_exactly_one_performer_and_a_known_service()
    {
        var referral = Example<ServiceRequest>("ServiceRequest-example.json");
        referral.Performer.Add(new ResourceReference("Organization/ngo-ng-lagos"));
        referral.Category[0].Coding[0].Code = "unknown-service";

        var errors = Errors(await Profiles.ValidateAsync(referral, CancellationToken.None)).Select(Text).ToList();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, text => text.Contains("rh-referral-1", StringComparison.Ordinal));
        Assert.Contains(errors, text => text.Contains("category:service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_active_referral_without_a_performer_conforms_when_it_names_a_country_for_the_directory()
    {
        var referral = Example<ServiceRequest>("ServiceRequest-example.json");
        referral.Performer.Clear();
        var withoutPlace = Errors(await Profiles.ValidateAsync(referral, CancellationToken.None)).Select(Text).ToList();
        referral.LocationCode.Add(new CodeableConcept("urn:iso:std:iso:3166", "NG"));

        Assert.Contains(withoutPlace, text => text.Contains("rh-referral-1", StringComparison.Ordinal));
        Assert.Empty(Errors(await Profiles.ValidateAsync(referral, CancellationToken.None)));
    }

    [Fact]
    public async Task A_referral_Task_is_an_order_with_its_focus()
    {
        var task = Example<FhirTask>("Task-example.json");
        task.Intent = FhirTask.TaskIntent.Plan;
        task.Focus = null;

        Assert.Equal(2, Errors(await Profiles.ValidateAsync(task, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_Task_the_hub_creates_for_a_referral_conforms_to_the_referral_Task_profile()
    {
        var task = Tasks.TaskFactory.ForReferral("request-1", "patient-1", "shelter-it-roma", "ngo-ng-edo", DateTimeOffset.UtcNow);

        Assert.Empty(Errors(await Profiles.ValidateAsync(task, CancellationToken.None)));
    }

    [Fact]
    public async Task A_follow_up_names_its_referral_and_its_due_date()
    {
        var followUp = Example<FhirTask>("Task-follow-up-example.json");
        followUp.PartOf.Clear();
        followUp.Restriction = null;

        var errors = Errors(await Profiles.ValidateAsync(followUp, HubProfiles.FollowUpTask, CancellationToken.None));

        Assert.Contains(errors, issue => issue.Expression.Contains("Task") && Text(issue).Contains("'partOf'", StringComparison.Ordinal));
        Assert.Contains(errors, issue => issue.Expression.Contains("Task") && Text(issue).Contains("'restriction'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_follow_up_without_the_follow_up_code_breaks_its_profile()
    {
        var followUp = Example<FhirTask>("Task-follow-up-example.json");
        followUp.Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill");

        Assert.NotEmpty(Errors(await Profiles.ValidateAsync(followUp, HubProfiles.FollowUpTask, CancellationToken.None)));
    }

    [Fact]
    public async Task A_Communication_carries_text_about_one_Task()
    {
        var communication = Example<Communication>("Communication-example.json");
        communication.About.Add(new ResourceReference("Task/another"));
        communication.Payload[0].Content = new Attachment { ContentType = "text/plain", Data = [1, 2, 3] };

        Assert.Equal(2, Errors(await Profiles.ValidateAsync(communication, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Profiles_a_client_claims_are_not_checked_only_the_hubs_own()
    {
        var referral = Example<ServiceRequest>("ServiceRequest-example.json");
        referral.Meta!.Profile = ["http://example.org/fhir/StructureDefinition/someone-elses-referral"];

        Assert.Empty(Errors(await Profiles.ValidateAsync(referral, CancellationToken.None)));
    }

    [Fact]
    public async Task Resources_the_hub_has_no_profile_for_are_not_validated() =>
        Assert.Empty(await Profiles.ValidateAsync(new Patient(), CancellationToken.None));

    [Fact]
    public async Task The_issues_of_a_Bundle_entry_point_into_the_request_body()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        RuleAt(consent, 1).Class.Add(new Coding(DataClassSystem, "shoe-size"));
        consent.Patient = null;

        var error = await Assert.ThrowsAsync<FhirInputException>(() => Profiles.EnsureConformAsync([(Example<ServiceRequest>("ServiceRequest-example.json"), "Bundle.entry[0].resource"), (consent, "Bundle.entry[1].resource")], CancellationToken.None));

        Assert.Contains("Bundle.entry[1].resource", error.Message, StringComparison.Ordinal);
        Assert.Equal(["Bundle.entry[1].resource", "Bundle.entry[1].resource.provision[0].class[0]"], error.Issues.SelectMany(issue => issue.Expression).OfType<string>().Order().ToArray());
    }

    [Fact]
    public async Task Validations_in_parallel_give_the_same_issues_as_one_at_a_time()
    {
        var valid = Example<FhirConsent>("Consent-example.json");
        var invalid = Example<FhirConsent>("Consent-example.json");
        RuleAt(invalid, 2).Class.Add(new Coding(DataClassSystem, "shoe-size"));
        Resource[] resources = [valid, invalid, Example<ServiceRequest>("ServiceRequest-example.json"), Example<FhirTask>("Task-example.json")];
        var expected = new List<string>();
        foreach (var resource in resources)
        {
            expected.Add(await DescribeAsync(Profiles, resource));
        }

        var inParallel = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => DescribeAsync(Profiles, resources[i % resources.Length]))));

        Assert.Equal(Enumerable.Range(0, inParallel.Length).Select(i => expected[i % resources.Length]), inParallel);
    }

    [Fact]
    public async Task Validations_that_race_to_load_a_definition_of_a_cold_validator_answer_as_a_warm_one_does()
    {
        // A Consent's patient reference is the first string a validation meets after the warm-up, which validates
        // empty resources; CI once saw this race answer 422, "Index was out of range" while loading string.
        var consent = Example<FhirConsent>("Consent-example.json");
        var expected = await DescribeAsync(Profiles, consent);

        for (var round = 0; round < 2; round++)
        {
            var cold = new ProfileValidator(maxInstances: 2);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var inParallel = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await DescribeAsync(cold, consent);
            })).ToList();
            start.SetResult();

            Assert.All(await Task.WhenAll(inParallel), answer => Assert.Equal(expected, answer));
        }
    }

    [Fact]
    public async Task A_validation_that_arrives_during_the_warm_up_waits_without_holding_its_thread_and_stops_waiting_when_cancelled()
    {
        var consent = Example<FhirConsent>("Consent-example.json");
        var cold = new ProfileValidator(maxInstances: 1);
        using var aborted = new CancellationTokenSource();

        var waiting = cold.ValidateAsync(consent, aborted.Token);
        Assert.False(waiting.IsCompleted);
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask());
        Assert.Empty(Errors(await cold.ValidateAsync(consent, CancellationToken.None)));
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

    private static async Task<string> DescribeAsync(ProfileValidator validator, Resource resource) =>
        string.Join("\n", (await validator.ValidateAsync(resource, CancellationToken.None)).Select(issue => $"{issue.Severity} {issue.Code} {string.Join(",", issue.Expression)} {Text(issue)}"));
}
