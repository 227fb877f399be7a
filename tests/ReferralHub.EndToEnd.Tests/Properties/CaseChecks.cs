using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// Judges one case against what was observed: the refusal or acceptance, every canary sighting (no unconsented
/// disclosure), every permitted element (no over-redaction), the REDACTED labels, the custodian's store and the log.
/// Returns the failures as readable lines; none means the case passed.
/// </summary>
public static class CaseChecks
{
    public static IReadOnlyList<string> Judge(CaseInstance instance, BatchObservations observed)
    {
        var failures = new List<string>();
        var expected = observed.Expectations[instance];
        var answer = observed.Answers[instance];
        var decision = expected.Decision;
        var recipient = instance.Shape.Recipient;

        if (decision.Accepted && !answer.Accepted)
        {
            failures.Add($"the hub refused a referral its consents permit: {answer.Description}");
        }
        else if (!decision.Accepted && answer.Accepted)
        {
            failures.Add($"the hub accepted a referral it must refuse with 422 ({decision.Why}): {answer.Description}");
        }
        else if (!answer.Accepted && !answer.Description.StartsWith("422", StringComparison.Ordinal))
        {
            failures.Add($"the refusal is not a 422 OperationOutcome: {answer.Description}");
        }

        foreach (var element in instance.Elements.Where(e => e.Canary is not null))
        {
            var sightings = observed.RecipientSightings.GetValueOrDefault(element.Canary!) ?? [];
            var visible = expected.Visible(element);
            foreach (var leak in sightings.Where(s => s.Receiver != recipient || !visible).GroupBy(s => s.Receiver))
            {
                var responses = leak.Select(s => s.Where).ToList();
                failures.Add($"LEAK: {element} reached {leak.Key} in {responses.Count} response(s), e.g. {responses[0]}");
            }

            if (visible && answer.Accepted && !sightings.Any(s => s.Receiver == recipient))
            {
                failures.Add($"OVER-REDACTION: {element} is permitted but {recipient} never received it");
            }

            var stored = observed.CustodianCanaries.Contains(element.Canary!);
            if (answer.Accepted && !stored)
            {
                failures.Add($"the custodian's own copy lacks {element}: the hub dropped submitted data (and this test would miss its leaks)");
            }
            else if (!answer.Accepted && stored)
            {
                failures.Add($"the refused referral left {element} in the hub");
            }
        }

        if (answer.Accepted && decision.Accepted)
        {
            CheckViews(expected, observed, failures);
        }

        foreach (var line in observed.LogSightings.GetValueOrDefault(instance.Tag) ?? [])
        {
            failures.Add($"PERSONAL DATA IN THE LOG: {line}");
        }

        return failures.Count == 0 ? failures : [$"expected: {decision}; the hub answered {answer.Description}", .. failures];
    }

    private static void CheckViews(DisclosureExpectation expected, BatchObservations observed, List<string> failures)
    {
        var instance = expected.Instance;
        var views = (observed.Views.GetValueOrDefault(instance.ReferralCanary) ?? []).Where(v => v.Recipient == instance.Shape.Recipient).ToList();
        if (views.Count == 0)
        {
            failures.Add($"{instance.Shape.Recipient} never received the accepted referral{(observed.DeliveryProblem is { } why ? $" ({why})" : "")}");
            return;
        }

        foreach (var channel in RecipientChannels.All.Where(c => views.All(v => v.View.Channel != c.Name)))
        {
            failures.Add($"{instance.Shape.Recipient} never received the accepted referral through {channel.Name}");
        }

        foreach (var (_, view) in views)
        {
            var where = $"{view.Channel}: ";
            Label(failures, where + "ServiceRequest", view.Request, expected.Withheld("ServiceRequest"), Withheld(expected, "ServiceRequest"));
            if (view.Patient is null)
            {
                failures.Add($"{where}the referral's Patient was not readable");
            }
            else
            {
                Label(failures, where + "Patient", view.Patient, expected.Withheld("Patient"), Withheld(expected, "Patient"));
                if (view.Patient.BirthDate != expected.BirthDate)
                {
                    failures.Add($"{where}Patient.birthDate is {view.Patient.BirthDate ?? "absent"}, expected {expected.BirthDate ?? "absent"} (source {instance.BirthDate})");
                }

                if (view.Patient.Gender != expected.Gender)
                {
                    failures.Add($"{where}Patient.gender is {view.Patient.Gender?.ToString() ?? "absent"}, expected {expected.Gender?.ToString() ?? "absent"}");
                }
            }

            var disclosed = Enumerable.Range(0, instance.Shape.Observations.Count).Where(expected.ObservationDisclosed).ToHashSet();
            var received = new HashSet<int>();
            foreach (var observation in view.Observations)
            {
                var index = Enumerable.Range(0, instance.Shape.Observations.Count)
                    .FirstOrDefault(i => observation.Code?.Text == CanaryText.For(instance.Tag, $"O{i}CODE"), -1);
                if (index < 0)
                {
                    failures.Add($"{where}an Observation that is none of the case's was referenced: {FhirJson.Serialize(observation)}");
                    continue;
                }

                received.Add(index);
                Label(failures, $"{where}Observation #{index}", observation, expected.Withheld($"Observation#{index}"), Withheld(expected, $"Observation#{index}"));
            }

            if (!received.SetEquals(disclosed))
            {
                failures.Add($"{where}the ServiceRequest references Observations [{string.Join(", ", received.Order().Select(i => $"#{i}"))}], expected [{string.Join(", ", disclosed.Order().Select(i => $"#{i}"))}]");
            }
        }
    }

    private static void Label(List<string> failures, string what, Resource view, bool withheld, string detail)
    {
        var labelled = view.Meta?.Security.Any(Vocabulary.IsRedactedLabel) == true;
        if (labelled != withheld)
        {
            failures.Add(withheld
                ? $"{what} lacks the REDACTED label though {detail} was withheld"
                : $"{what} is labelled REDACTED though nothing was withheld");
        }
    }

    private static string Withheld(DisclosureExpectation expected, string resource)
    {
        var lacking = expected.Instance.Elements
            .Where(e => e.Resource == resource && e.Disclosure.Kind != DisclosureKind.Bookkeeping && !expected.Visible(e))
            .Select(e => e.Name)
            .ToList();
        return lacking.Count == 0 ? "reasonReference" : string.Join(", ", lacking);
    }
}
