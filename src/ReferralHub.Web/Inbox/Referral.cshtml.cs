using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.Web.ServiceDirectory;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.FollowUps;
using ReferralHub.Web.Layout;
using ReferralHub.Web.Security;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.Inbox;

/// <summary>
/// A referral my organisation received: only what the API discloses, and the answers the receiving side gives —
/// accept, decline with a reason, the steps of the service and its outcome.
/// </summary>
[Requires(PersonCapability.ReadCases)]
public sealed class ReferralModel(HubApi api, HubDirectory directory, FollowUpSearches followUps, TimeProvider clock) : PageModel
{
    public Referrals.Referral Referral { get; private set; } = null!;

    public ReceivedReferral Received { get; private set; } = null!;

    public string RequesterName { get; private set; } = string.Empty;

    /// <summary>Whether my organisation is the one the referral was sent to (only it answers).</summary>
    public bool IsRecipient { get; private set; }

    /// <summary>Whether I answer it: my organisation received it and my roles include working on referrals.</summary>
    public bool Answers => IsRecipient && User.May(PersonCapability.WorkOnReferrals);

    public IReadOnlyList<FollowUp> FollowUps { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async System.Threading.Tasks.Task OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var task = await ReadTaskAsync(id, cancellationToken);
        await LoadAsync(task, cancellationToken);
    }

    [Requires(PersonCapability.WorkOnReferrals)]
    public Task<IActionResult> OnPostAcceptAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "Referral.Accepted", TaskChanges.Accept, cancellationToken);

    [Requires(PersonCapability.WorkOnReferrals)]
    public Task<IActionResult> OnPostDeclineAsync(string id, string? reason, CancellationToken cancellationToken) =>
        HubVocabulary.DeclineReasons.Contains(reason)
            ? ChangeAsync(id, "Referral.Declined", task => TaskChanges.Decline(task, reason!), cancellationToken)
            : Task.FromResult<IActionResult>(Redirect($"/app/inbox/{Uri.EscapeDataString(id)}"));

    [Requires(PersonCapability.WorkOnReferrals)]
    public Task<IActionResult> OnPostStepAsync(string id, string? step, CancellationToken cancellationToken) =>
        HubVocabulary.ReferralSteps.Contains(step)
            ? ChangeAsync(id, "Referral.StepSaved", task => TaskChanges.RecordStep(task, step!), cancellationToken)
            : Task.FromResult<IActionResult>(Redirect($"/app/inbox/{Uri.EscapeDataString(id)}"));

    [Requires(PersonCapability.WorkOnReferrals)]
    public Task<IActionResult> OnPostOutcomeAsync(string id, string? outcome, DateOnly? reached, CancellationToken cancellationToken) =>
        HubVocabulary.ReferralOutcomes.Contains(outcome)
            ? ChangeAsync(id, "Referral.OutcomeSaved", task => TaskChanges.RecordOutcome(task, outcome!, reached ?? Today), cancellationToken)
            : Task.FromResult<IActionResult>(Redirect($"/app/inbox/{Uri.EscapeDataString(id)}"));

    [Requires(PersonCapability.WorkOnReferrals)]
    public async Task<IActionResult> OnPostPlanFollowUpAsync(string id, DateOnly? due, CancellationToken cancellationToken)
    {
        var task = await ReadTaskAsync(id, cancellationToken);
        if (due is { } day && day >= Today)
        {
            await api.CreateAsync(FollowUp.Plan(task.Id!, day), cancellationToken);
            TempData.Show("FollowUp.Planned");
        }
        else
        {
            TempData.Show("FollowUp.DueInPast");
        }

        return Redirect($"/app/inbox/{task.Id}");
    }

    [Requires(PersonCapability.WorkOnReferrals)]
    public async Task<IActionResult> OnPostCompleteFollowUpAsync(string id, string? followUpId, string? outcome, CancellationToken cancellationToken)
    {
        if (followUpId is not null && HubVocabulary.ReferralOutcomes.Contains(outcome))
        {
            var followUp = await api.ReadRequiredAsync<FhirTask>($"Task/{Uri.EscapeDataString(followUpId)}", cancellationToken);
            FollowUp.Complete(followUp, outcome!, Today);
            await api.UpdateAsync(followUp, cancellationToken);
            TempData.Show("FollowUp.Completed");
        }

        return Redirect($"/app/inbox/{Uri.EscapeDataString(id)}");
    }

    private async Task<IActionResult> ChangeAsync(string id, string notice, Action<FhirTask> change, CancellationToken cancellationToken)
    {
        var task = await ReadTaskAsync(id, cancellationToken);
        if (FhirCodes.IdOf(task.Owner, "Organization") != User.OrganizationId())
        {
            throw new HubApiException(System.Net.HttpStatusCode.NotFound, null);
        }

        change(task);
        await api.UpdateAsync(task, cancellationToken);
        TempData.Show(notice);
        return Redirect($"/app/inbox/{task.Id}");
    }

    private Task<FhirTask> ReadTaskAsync(string id, CancellationToken cancellationToken) =>
        api.ReadRequiredAsync<FhirTask>($"Task/{Uri.EscapeDataString(id)}", cancellationToken);

    private async System.Threading.Tasks.Task LoadAsync(FhirTask task, CancellationToken cancellationToken)
    {
        Received = await ReceivedReferralReader.ReadAsync(api, task, cancellationToken);
        Referral = Referrals.Referral.From(task, Received.Request, null);
        RequesterName = await directory.NameOfAsync(Referral.RequesterId, cancellationToken);
        IsRecipient = Referral.OwnerId == User.OrganizationId();
        FollowUps = Received.Withdrawn ? [] : await followUps.OfReferralAsync(Referral.TaskId, cancellationToken);
    }
}
