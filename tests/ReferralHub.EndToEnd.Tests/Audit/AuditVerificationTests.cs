using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Audit;

/// <summary>
/// The audit log is tamper-evident and someone checks it (issue 12): a row of it changed directly in the database — its
/// AuditEvent or a column that decides who sees it — is named by <c>$verify-audit</c>, which only operators may call.
/// Each test puts the row back, so the hub's log is intact again for the next one.
/// </summary>
public abstract class AuditVerificationTests(IRunningHub hub, AuditTables tables)
{
    public const string Operator = "hub-operations";
    private const string Findings = "http://referralhub.org/fhir/CodeSystem/audit-finding";

    protected IRunningHub Hub { get; } = hub;

    protected AuditTables Tables { get; } = tables;

    protected HubClient Operations => Hub.ClientFor(Operator);

    [Fact]
    public async Task An_intact_log_answers_200_with_intact_to_an_operator()
    {
        await DisclosureRecordAsync();

        var answer = (await Operations.GetAsync("$verify-audit")).ShouldBeOutcome(HttpStatusCode.OK, "the operator verifies an untouched audit log");

        Expect.That(answer.Issue.All(i => i.Severity == OperationOutcome.IssueSeverity.Information), "an intact log has no error issue", Expect.TextOf(answer));
        Expect.That(Expect.TextOf(answer).Contains("The audit log is intact", StringComparison.Ordinal), "the answer says intact", Expect.TextOf(answer));
    }

    [Fact]
    public async Task Changing_one_rows_AuditEvent_in_the_database_is_named_by_verify_audit()
    {
        var row = await DisclosureRecordAsync();
        await Tables.UpdateAsync(row with { Json = row.Json.Replace(HubServerFixture.NgoEdo, HubServerFixture.NgoLagos, StringComparison.Ordinal) });
        try
        {
            await ExpectFirstFindingAsync("record-altered", $"Record {row.Sequence} (AuditEvent/{row.Id})");
        }
        finally
        {
            await Tables.UpdateAsync(row);
        }

        (await Operations.GetAsync("$verify-audit")).ShouldBeOutcome(HttpStatusCode.OK, "the log verifies again once the row is put back");
    }

    [Theory]
    [InlineData("custodian")]
    [InlineData("recipient")]
    [InlineData("patient")]
    public async Task Changing_a_column_that_decides_who_sees_a_row_is_named_by_verify_audit(string column)
    {
        var row = await DisclosureRecordAsync();
        var tampered = column switch
        {
            "custodian" => row with { Custodian = HubServerFixture.NgoLagos },
            "recipient" => row with { Recipient = HubServerFixture.GovAgency },
            _ => row with { Patient = Guid.NewGuid().ToString() },
        };
        await Tables.UpdateAsync(tampered);
        try
        {
            await ExpectFirstFindingAsync("record-altered", $"Record {row.Sequence} (AuditEvent/{row.Id})");
        }
        finally
        {
            await Tables.UpdateAsync(row);
        }
    }

    [Fact]
    public async Task Non_operators_get_the_same_403_for_verify_audit_as_for_any_operator_only_operation()
    {
        foreach (var organization in new[] { HubServerFixture.Shelter, HubServerFixture.NgoEdo })
        {
            var client = Hub.ClientFor(organization);
            var verify = (await client.GetAsync("$verify-audit")).ShouldBeOutcome(HttpStatusCode.Forbidden, $"{organization} verifying the audit log");
            var checkpoint = (await client.PostAsync("$verify-audit", CheckpointRequest())).ShouldBeOutcome(HttpStatusCode.Forbidden, $"{organization} checkpointing the audit log");
            var rotate = (await client.PostAsync($"Organization/{organization}/$rotate-webhook-secret", new Parameters()))
                .ShouldBeOutcome(HttpStatusCode.Forbidden, $"{organization} rotating a webhook secret");
            Expect.That(
                Same(verify, rotate) && Same(checkpoint, rotate),
                "the refusal is the one every operator-only operation gives",
                $"{Expect.TextOf(verify)} / {Expect.TextOf(rotate)}");
        }

        var metadata = (await Operations.GetAsync("metadata")).As<CapabilityStatement>();
        Expect.That(metadata.Rest[0].Operation.Any(o => o.Name == "verify-audit" && o.Definition == "http://referralhub.org/fhir/OperationDefinition/verify-audit"),
            "the CapabilityStatement lists $verify-audit as a system operation");
    }

    /// <summary>A fresh referral's disclosure, as its row in the audit table once the shelter can read it in its log.</summary>
    protected async Task<AuditRow> DisclosureRecordAsync()
    {
        var shelter = Hub.ClientFor(HubServerFixture.Shelter);
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        var log = await Eventually.UntilAsync(
            "the shelter's disclosure log shows the referral's disclosure",
            () => LifecycleSteps.DisclosureLogAsync(shelter, referral.PatientId),
            found => found.Count >= 1,
            found => $"{found.Count} AuditEvents");
        return await Tables.RowAsync(log[0].Id!);
    }

    /// <summary>$verify-audit answers 409 and its first issue is the finding, naming where it is.</summary>
    protected async Task<OperationOutcome> ExpectFirstFindingAsync(string code, string names)
    {
        var answer = (await Operations.GetAsync("$verify-audit")).ShouldBeOutcome(HttpStatusCode.Conflict, "the operator verifies the tampered audit log");
        var first = answer.Issue[0];
        Expect.That(first.Severity == OperationOutcome.IssueSeverity.Error && first.Details?.Coding.Any(c => c.System == Findings && c.Code == code) == true,
            $"the first issue is the finding {code}", Expect.TextOf(answer));
        Expect.That(first.Diagnostics?.Contains(names, StringComparison.Ordinal) == true, $"the first finding names «{names}»", first.Diagnostics);
        Expect.That(FhirValidation.Errors(FhirValidation.Validate(answer)).Count == 0, "the answer is a valid OperationOutcome", string.Join("\n", FhirValidation.Errors(FhirValidation.Validate(answer))));
        return answer;
    }

    protected static Parameters CheckpointRequest()
    {
        var parameters = new Parameters();
        parameters.Add("checkpoint", new FhirBoolean(true));
        return parameters;
    }

    private static bool Same(OperationOutcome one, OperationOutcome other) =>
        one.Issue.Count == 1 && other.Issue.Count == 1
        && one.Issue[0].Code == other.Issue[0].Code
        && one.Issue[0].Diagnostics == other.Issue[0].Diagnostics;
}
