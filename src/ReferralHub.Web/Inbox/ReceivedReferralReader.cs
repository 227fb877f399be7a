using Hl7.Fhir.Model;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Survivors;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.Inbox;

/// <summary>Reads what a referral disclosed to my organisation, following the Task's references.</summary>
public static class ReceivedReferralReader
{
    public static async Task<ReceivedReferral> ReadAsync(HubApi api, FhirTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            var request = task.Focus?.Reference is { } focus ? await api.ReadAsync<ServiceRequest>(focus, cancellationToken) : null;
            var patient = task.For?.Reference is { } subject ? await api.ReadAsync<Patient>(subject, cancellationToken) : null;
            var observations = new List<Observation>();
            foreach (var reference in request?.SupportingInfo.Select(r => r.Reference).OfType<string>().Where(r => r.StartsWith("Observation/", StringComparison.Ordinal)) ?? [])
            {
                if (await api.ReadAsync<Observation>(reference, cancellationToken) is { } observation)
                {
                    observations.Add(observation);
                }
            }

            return new ReceivedReferral(patient is null ? null : Survivor.From(patient), request, observations, Withdrawn: false);
        }
        catch (HubApiException refusal) when (refusal.IsWithdrawn)
        {
            return new ReceivedReferral(null, null, [], Withdrawn: true);
        }
    }
}
