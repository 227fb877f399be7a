using Hl7.Fhir.Model;
using ReferralHub.Consent.Redaction;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Redaction.Fixtures;

namespace ReferralHub.Consent.Tests.Redaction;

public sealed class ServiceRequestRedactionTests
{
    private static ServiceRequest Redact(params string[] permitted) =>
        (ServiceRequest)new Redactor().Redact(Parse(ServiceRequestJson), permitted.ToHashSet(StringComparer.Ordinal)).Resource!;

    [Fact]
    public void The_referral_keeps_its_own_elements()
    {
        var referral = Redact(DataClass.Referral);

        Assert.Equal("CANARY.referral.identifier", Assert.Single(referral.Identifier).Value);
        Assert.Equal(RequestStatus.Active, referral.Status);
        Assert.Equal(RequestIntent.Order, referral.Intent);
        Assert.Equal("vocational-training", Assert.Single(referral.Category).Coding[0].Code);
        Assert.Equal(RequestPriority.Routine, referral.Priority);
        Assert.Equal("CANARY.referral.code", referral.Code!.Text);
        Assert.Equal("2025-02-20T09:00:00Z", referral.AuthoredOn);
        Assert.Equal("2025-09-01", Assert.IsType<Period>(referral.Occurrence).End);
        Assert.Equal("Organization/shelter-it-roma", referral.Requester!.Reference);
        Assert.Equal("Organization/ngo-ng-edo", Assert.Single(referral.Performer).Reference);
        Assert.Equal("Patient/survivor-7f3a", referral.Subject!.Reference);
    }

    [Fact]
    public void References_keep_only_their_target()
    {
        var referral = Redact(DataClass.Referral, DataClass.Needs);

        var references = new[] { referral.Subject!, referral.Requester! }.Concat(referral.Performer).Concat(referral.SupportingInfo).Concat(referral.ReasonReference);
        Assert.All(references, r =>
        {
            Assert.NotNull(r.Reference);
            Assert.Null(r.Display);
            Assert.Null(r.Identifier);
        });
    }

    [Fact]
    public void A_reference_into_the_contained_resources_is_dropped_with_them()
    {
        var referral = Redact(DataClass.Referral);

        Assert.Equal(["Observation/obs-education"], referral.SupportingInfo.Select(r => r.Reference));
        Assert.Empty(referral.Contained);
    }

    [Fact]
    public void Needs_adds_the_reasons_and_case_notes_add_the_notes_without_their_author_name()
    {
        var referral = Redact(DataClass.Referral, DataClass.Needs, DataClass.CaseNotes);

        Assert.Equal("CANARY.needs.reason", Assert.Single(referral.ReasonCode).Text);
        Assert.Equal("Observation/obs-health", Assert.Single(referral.ReasonReference).Reference);
        var note = Assert.Single(referral.Note);
        Assert.Equal("CANARY.case-notes.note", note.Text);
        Assert.Equal("2025-02-20T09:00:00Z", note.Time);
        Assert.Null(note.Author);
    }

    [Fact]
    public void Elements_no_class_covers_are_dropped()
    {
        var referral = Redact([.. DataClassCodes.All]);

        Assert.Empty(referral.InstantiatesUri);
        Assert.Empty(referral.BasedOn);
        Assert.Null(referral.Requisition);
        Assert.Empty(referral.OrderDetail);
        Assert.Null(referral.Encounter);
        Assert.Null(referral.PerformerType);
        Assert.Empty(referral.LocationCode);
        Assert.Null(referral.PatientInstruction);
        Assert.Empty(referral.BodySite);
        Assert.Empty(referral.Extension);
    }

    [Fact]
    public void A_timing_occurrence_is_copied_value_by_value()
    {
        var source = new ServiceRequest
        {
            Id = "sr",
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Occurrence = new Timing
            {
                Repeat = new Timing.RepeatComponent { Bounds = new Period { Start = "2025-03-01" }, Frequency = 1, Period = 1, PeriodUnit = Timing.UnitsOfTime.Wk },
                Code = new CodeableConcept { Text = "weekly session" },
            },
        };

        var result = new Redactor().Redact(source, new HashSet<string> { DataClass.Referral });

        Assert.True(source.Occurrence.IsExactly(((ServiceRequest)result.Resource!).Occurrence));
        Assert.False(result.Redacted);
    }
}
