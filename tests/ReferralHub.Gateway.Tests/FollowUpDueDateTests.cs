using Hl7.Fhir.Model;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.FollowUps;
using ReferralHub.Gateway.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Tests;

/// <summary>A follow-up's due date read at its precision, as FHIR reads a period's end.</summary>
public sealed class FollowUpDueDateTests
{
    [Theory]
    [InlineData("2026-12-01", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z")]
    [InlineData("2026-12", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("2027", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")]
    [InlineData("2026-12-01T10:30:00+01:00", "2026-12-01T09:30:00Z", "2026-12-01T09:30:01Z")]
    public void A_due_date_is_due_from_its_first_instant_and_overdue_after_its_last(string end, string dueOn, string overdueFrom)
    {
        var due = FollowUpDueDate.Of(FollowUp(end));

        Assert.Equal(DateTime.Parse(dueOn, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(), due.DueOn);
        Assert.Equal(DateTime.Parse(overdueFrom, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(), due.OverdueFrom);
        Assert.Equal(DateTimeKind.Utc, due.DueOn.Kind);
    }

    [Fact]
    public void A_follow_up_without_a_due_date_is_refused_with_422()
    {
        var error = Assert.Throws<FhirInputException>(() => FollowUpDueDate.Of(new FhirTask()));

        Assert.Equal(422, error.Status);
    }

    [Theory]
    [InlineData("2026-11-27", false)]
    [InlineData("2026-11-28", true)]
    [InlineData("2026-11-28T09:35:00Z", false)]
    [InlineData("2026-11-28T09:35:01Z", true)]
    public void A_due_date_may_not_lie_before_the_referral_was_authored(string end, bool accepted)
    {
        var referral = new ReferralTask
        {
            Id = "referral",
            Status = "accepted",
            RequesterOrganizationId = "shelter-it-roma",
            PatientId = "patient",
            ServiceRequestId = "request",
            Json = FhirJson.Serialize(Tasks.TaskFactory.ForReferral(
                "request", "patient", "shelter-it-roma", "ngo-ng-edo", DateTimeOffset.Parse("2026-11-28T09:35:01Z", System.Globalization.CultureInfo.InvariantCulture))),
        };

        var exception = Record.Exception(() => FollowUpDueDate.Of(FollowUp(end), referral));

        Assert.True(accepted == (exception is null), exception?.ToString());
    }

    private static FhirTask FollowUp(string end) =>
        new() { Restriction = new FhirTask.RestrictionComponent { Period = new Period { EndElement = new FhirDateTime(end) } } };
}
