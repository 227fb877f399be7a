using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>The supporting Observations and the ServiceRequest that refers the survivor.</summary>
public sealed partial class CaseInstance
{
    private Observation BuildObservation(int index, ObservationShape shape)
    {
        var r = $"Observation#{index}";
        var whole = Disclosure.WithObservation(index);
        var extras = shape.Extras;
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [.. shape.Categories.Select(code => new CodeableConcept(code.HubSystem ? Vocabulary.DataClass : CodeShape.ForeignSystem, code.Code))],
            Code = new CodeableConcept { Text = Canary(r, $"O{index}CODE", whole) },
            Subject = new ResourceReference(PatientUrn),
            Value = new FhirString(Canary(r, $"O{index}VALUE", whole)),
            Note = [new Annotation
            {
                Text = Canary(r, $"O{index}NOTE", whole),
                Author = extras.Contains(ObservationExtra.NoteAuthorName) ? new FhirString(Canary(r, $"O{index}NOTEAUTHOR", Disclosure.Never)) : null,
            }],
        };
        Element(r, "status", whole);
        Element(r, "subject", whole);
        if (extras.Contains(ObservationExtra.Narrative))
        {
            observation.Text = Narrative(r, $"O{index}NARRATIVE");
        }

        if (extras.Contains(ObservationExtra.Identifier))
        {
            observation.Identifier.Add(new Identifier("urn:example:assessment", Canary(r, $"O{index}IDENT", Disclosure.Never)));
        }

        if (extras.Contains(ObservationExtra.PerformerDisplay))
        {
            observation.Performer.Add(Reference($"Organization/{Shelter}", r, $"O{index}PERFORMER", true));
        }

        if (extras.Contains(ObservationExtra.Extension))
        {
            observation.Extension.Add(new Extension($"{ExtensionBase}assessor-remark", new FhirString(Canary(r, $"O{index}EXTENSION", Disclosure.Never))));
        }

        if (extras.Contains(ObservationExtra.BodySite))
        {
            observation.BodySite = new CodeableConcept { Text = Canary(r, $"O{index}BODYSITE", Disclosure.Never) };
        }

        return observation;
    }

    private ServiceRequest BuildServiceRequest()
    {
        const string R = "ServiceRequest";
        var shape = Shape.Request;
        var displays = shape.Extras.Contains(RequestExtra.ReferenceDisplays);
        var request = new ServiceRequest
        {
            Identifier = [new Identifier(Vocabulary.ReferralIdentifierSystem, Canary(R, "SRIDENT", Disclosure.Referral))],
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept(Vocabulary.Service, Shape.Service)],
            Code = new CodeableConcept { Text = Canary(R, "SRCODE", Disclosure.Referral) },
            Subject = Reference(PatientUrn, R, "SRSUBJECTDISPLAY", displays),
            Requester = Reference($"Organization/{Shelter}", R, "SRREQUESTERDISPLAY", displays),
            Performer = [Reference($"Organization/{Shape.Recipient}", R, "SRPERFORMERDISPLAY", displays)],
            AuthoredOnElement = new FhirDateTime(Now),
        };
        Element(R, "status", Disclosure.Referral);
        for (var index = 0; index < Shape.Observations.Count; index++)
        {
            if (Shape.Observations[index].Supporting)
            {
                request.SupportingInfo.Add(Reference(ObservationUrns[index], R, $"SRSUPPORT{index}DISPLAY", displays));
                Element(R, $"supportingInfo[Observation #{index}]", Disclosure.WithObservation(index));
            }
        }

        if (shape.Needs)
        {
            var needs = DataClass("needs");
            request.ReasonCode.Add(new CodeableConcept { Coding = [new Coding("http://snomed.info/sct", "73595000", Canary(R, "SRNEEDDISPLAY", needs))], Text = Canary(R, "SRNEEDTEXT", needs) });
        }

        if (shape.ReasonReference is { } reason)
        {
            request.ReasonReference.Add(Reference(ObservationUrns[reason], R, "SRREASONDISPLAY", displays));
        }

        if (shape.CaseNotes)
        {
            request.Note.Add(new Annotation
            {
                Text = Canary(R, "SRNOTE", DataClass("case-notes")),
                Author = shape.Extras.Contains(RequestExtra.NoteAuthorName) ? new FhirString(Canary(R, "SRNOTEAUTHOR", Disclosure.Never)) : null,
            });
        }

        if (shape.Extras.Contains(RequestExtra.Narrative))
        {
            request.Text = Narrative(R, "SRNARRATIVE");
        }

        if (shape.Extras.Contains(RequestExtra.PatientInstruction))
        {
            request.PatientInstruction = Canary(R, "SRINSTRUCTION", Disclosure.Never);
        }

        if (shape.Extras.Contains(RequestExtra.OrderDetail))
        {
            request.OrderDetail.Add(new CodeableConcept { Text = Canary(R, "SRORDERDETAIL", Disclosure.Never) });
        }

        if (shape.Extras.Contains(RequestExtra.Extension))
        {
            request.Extension.Add(new Extension($"{ExtensionBase}referral-urgency-remark", new FhirString(Canary(R, "SREXTENSION", Disclosure.Never))));
        }

        return request;
    }
}
