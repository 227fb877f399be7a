using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirConsent = Hl7.Fhir.Model.Consent;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>
/// Other referrals, sent and accepted through the API the way agency systems do (client credentials), so that the
/// dashboard has counts above the suppression threshold to draw. Fictional people with no more than a placeholder name.
/// </summary>
public sealed class AgencyActivity(Uri origin) : IDisposable
{
    private const string CodeSystems = "http://referralhub.org/fhir/CodeSystem/";
    private static readonly string[] Services = ["vocational-training", "vocational-training", "vocational-training", "vocational-training", "vocational-training", "micro-enterprise", "psychosocial"];
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly HttpClient http = new() { BaseAddress = new Uri(origin, "/fhir/") };
    private readonly FhirJsonSerializer serializer = new();
    private readonly FhirJsonDeserializer deserializer = new();

    public static int Referrals => Services.Length;

    /// <summary>The shelter refers one person per service in <see cref="Services"/> to ngo-ng-edo.</summary>
    public async System.Threading.Tasks.Task SendReferralsAsync()
    {
        var token = await TokenAsync("shelter-it-roma");
        for (var i = 0; i < Services.Length; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, string.Empty) { Content = Json(ReferralBundle(Services[i], i)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>ngo-ng-edo accepts every referral waiting for it, once all the API-sent ones have arrived.</summary>
    public async System.Threading.Tasks.Task AcceptAllAsync()
    {
        var token = await TokenAsync("ngo-ng-edo");
        var deadline = DateTime.UtcNow + Delivery;
        List<FhirTask> waiting;
        while (true)
        {
            waiting = [.. (await GetAsync<Bundle>("Task?owner=Organization/ngo-ng-edo&status=requested&code=fulfill", token)).Entry.Select(e => e.Resource).OfType<FhirTask>()];
            if (waiting.Count >= Referrals || DateTime.UtcNow > deadline)
            {
                break;
            }

            await System.Threading.Tasks.Task.Delay(PollInterval);
        }

        foreach (var task in waiting)
        {
            task.Status = FhirTask.TaskStatus.Accepted;
            using var request = new HttpRequestMessage(HttpMethod.Put, $"Task/{task.Id}") { Content = Json(task) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{task.Meta!.VersionId}\"", isWeak: true));
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// An organisation registers a survivor (a placeholder name) with an active consent for <paramref name="recipient"/>
    /// and no referral; answers the Patient's id.
    /// </summary>
    public async Task<string> RegisterSurvivorAsync(string organization, string recipient, string family)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        AddSurvivor(bundle, organization, recipient, family);
        using var request = new HttpRequestMessage(HttpMethod.Post, string.Empty) { Content = Json(bundle) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(organization));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var created = deserializer.Deserialize<Bundle>(await response.Content.ReadAsStringAsync()).Entry[0].Response?.Location
            ?? throw new InvalidOperationException($"{organization}'s transaction answered no location for the Patient.");
        return created.Split('/')[1];
    }

    public void Dispose() => http.Dispose();

    private async Task<T> GetAsync<T>(string relative, string token)
        where T : Resource
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relative);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return deserializer.Deserialize<T>(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> TokenAsync(string organization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{organization}:{organization}-secret")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private StringContent Json(Resource resource) => new(serializer.SerializeToString(resource), Encoding.UTF8, "application/fhir+json");

    private static Bundle ReferralBundle(string service, int index)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        var patient = AddSurvivor(bundle, "shelter-it-roma", "ngo-ng-edo", $"Example {index + 1}");
        Add(bundle, "urn:uuid:00000000-0000-4000-8000-000000000003", new ServiceRequest
        {
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept(CodeSystems + "reintegration-service", service)],
            Subject = new ResourceReference(patient),
            Requester = new ResourceReference("Organization/shelter-it-roma"),
            Performer = [new ResourceReference("Organization/ngo-ng-edo")],
            AuthoredOnElement = new FhirDateTime(DateTimeOffset.UtcNow),
        });
        return bundle;
    }

    /// <summary>Adds a Patient and her active consent for <paramref name="recipient"/> (name and referral); answers the Patient's full URL.</summary>
    private static string AddSurvivor(Bundle bundle, string custodian, string recipient, string family)
    {
        const string patient = "urn:uuid:00000000-0000-4000-8000-000000000001";
        Add(bundle, patient, new Patient { Name = [new HumanName { Given = ["Person"], Family = family }] });
        Add(bundle, "urn:uuid:00000000-0000-4000-8000-000000000002", new FhirConsent
        {
            Status = FhirConsent.ConsentState.Active,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0")],
            Patient = new ResourceReference(patient),
            DateTimeElement = new FhirDateTime(DateTimeOffset.UtcNow),
            Organization = [new ResourceReference($"Organization/{custodian}")],
            PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN"),
            Provision = new FhirConsent.provisionComponent
            {
                Type = FhirConsent.ConsentProvisionType.Deny,
                Provision =
                [
                    new FhirConsent.provisionComponent
                    {
                        Type = FhirConsent.ConsentProvisionType.Permit,
                        Actor = [new FhirConsent.provisionActorComponent
                        {
                            Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"),
                            Reference = new ResourceReference($"Organization/{recipient}"),
                        }],
                        // Statistics count only referrals whose consent permits the statistics purpose (docs/statistics.md).
                        Purpose = [new Coding(CodeSystems + "purpose", "reintegration-assistance"), new Coding(CodeSystems + "purpose", "statistics")],
                        Class = [new Coding(CodeSystems + "data-class", "referral"), new Coding(CodeSystems + "data-class", "name")],
                    },
                ],
            },
        });
        return patient;
    }

    private static void Add(Bundle bundle, string fullUrl, Resource resource) => bundle.Entry.Add(new Bundle.EntryComponent
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
    });
}
