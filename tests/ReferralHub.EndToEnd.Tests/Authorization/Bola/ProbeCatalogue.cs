using Hl7.Fhir.Utility;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Authorization.Bola;

/// <summary>One request of a probe, for one id: the victim's, or one that never existed.</summary>
public sealed record ProbeRequest(HttpMethod Method, string Path, Resource? Body = null);

/// <summary>A search as an organisation that may see the resource, which must find <paramref name="ExpectedId"/>.</summary>
public sealed record OwnerCheck(string Organization, ProbeRequest Request, string ExpectedId);

/// <summary>A way of reaching a resource through its id, on one route of the CapabilityStatement.</summary>
/// <param name="Route">The route it exercises, as <see cref="ProbeCatalogue.Routes"/> names it.</param>
/// <param name="For">The request naming a given id (the victim's or the never-existing one).</param>
/// <param name="Check">
/// For a search: the same search by an organisation that may see the resource, which must find it — a search that
/// finds nothing for anyone proves nothing. A search probe without one does not count as covering its route.
/// </param>
public sealed record Probe(string Route, Func<string, ProbeRequest> For, OwnerCheck? Check = null);

/// <summary>
/// Every route the hub's CapabilityStatement lists — read, vread, update, search by each parameter and each
/// <c>_include</c>, creates (and transaction and batch) whose body names the resource, each operation — and, for a
/// resource, the probes that reach it through its id on each route. A route the catalogue does not know
/// how to probe stays in <see cref="Routes"/> without a probe, and the matrix test fails naming it: a route added
/// later is covered, or the test says what to add here.
/// </summary>
public sealed class ProbeCatalogue
{
    private const string MessageEvents = "http://referralhub.org/fhir/CodeSystem/message-event";
    private const string TaskCodes = "http://referralhub.org/fhir/CodeSystem/task-code";

    /// <summary>How a search parameter's value that matches a resource is read from the resource (as its owner sees it).</summary>
    private static readonly Dictionary<string, Func<Resource, string?>> SearchValues = new(StringComparer.Ordinal)
    {
        ["_lastUpdated"] = r => r.Meta?.LastUpdated is { } at ? $"ge{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z" : null,
        ["patient"] = r => References(r).FirstOrDefault(reference => reference.StartsWith("Patient/", StringComparison.Ordinal)),
        ["status"] = r => r switch
        {
            FhirTask task => task.Status?.GetLiteral(),
            FhirConsent consent => consent.Status?.GetLiteral(),
            _ => null,
        },
        ["owner"] = r => Refs.Of((r as FhirTask)?.Owner),
        ["requester"] = r => Refs.Of((r as FhirTask)?.Requester),
        ["focus"] = r => Refs.Of((r as FhirTask)?.Focus),
        ["part-of"] = r => Refs.Of((r as FhirTask)?.PartOf.FirstOrDefault()),
        ["code"] = r => (r as FhirTask)?.Code?.Coding.FirstOrDefault() is { } code ? $"{code.System}|{code.Code}" : null,
        // The world's follow-up falls due in a month: not overdue, due after 2000.
        ["overdue"] = r => IsFollowUp(r) ? "false" : null,
        ["due"] = r => IsFollowUp(r) ? "ge2000-01-01" : null,
        ["about"] = r => Refs.Of((r as Communication)?.About.FirstOrDefault()),
        ["sender"] = r => Refs.Of((r as Communication)?.Sender),
        ["recipient"] = r => Refs.Of((r as Communication)?.Recipient.FirstOrDefault()),
        ["organization"] = r => Refs.Of((r as Hl7.Fhir.Model.Endpoint)?.ManagingOrganization),
    };

    /// <summary>
    /// Creates whose body names an existing resource, each with the type it names and its body naming a given id, as
    /// an outsider acting for the given organisation would send it.
    /// </summary>
    private static readonly Dictionary<string, (string Names, Func<string, string, Resource> Body)> Creates = new(StringComparer.Ordinal)
    {
        ["Observation"] = ("Patient", (id, _) => Observation(id)),
        ["ServiceRequest"] = ("Patient", (id, outsider) => new ServiceRequest
        {
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept(Vocabulary.Service, "vocational-training")],
            Subject = new ResourceReference($"Patient/{id}"),
            Requester = new ResourceReference($"Organization/{outsider}"),
            Performer = [new ResourceReference($"Organization/{BolaWorld.Organisations.First(o => o != outsider)}")],
        }),
        ["Consent"] = ("Patient", (id, outsider) =>
        {
            var consent = new ReferralBuilder { Custodian = outsider, ConsentRecipient = BolaWorld.Organisations.First(o => o != outsider) }.BuildConsent();
            consent.Patient = new ResourceReference($"Patient/{id}");
            return consent;
        }),
        ["Task"] = ("Task", (id, _) => FollowUps.FollowUpSteps.FollowUp(id, DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
        ["Communication"] = ("Task", (id, _) => new Communication
        {
            Status = EventStatus.Completed,
            About = [new ResourceReference($"Task/{id}")],
            Payload = [new Communication.PayloadComponent { Content = new FhirString("A question.") }],
        }),
    };

    /// <summary>Types whose create names no other resource.</summary>
    private static readonly HashSet<string> CreatesNamingNothing = new(StringComparer.Ordinal) { "Patient" };

    /// <summary>System-level operations that take no resource: the operators' check of the whole audit log.</summary>
    private static readonly HashSet<string> OperationsNamingNothing = new(StringComparer.Ordinal) { "verify-audit" };

    private readonly CapabilityStatement.RestComponent rest;

    private readonly IReadOnlyList<Victim> victims;

    /// <summary>Reference search parameters (type, parameter) and the resource types their values named in the world.</summary>
    private readonly Dictionary<(string Type, string Parameter), HashSet<string>> referenceTargets = [];

    public ProbeCatalogue(CapabilityStatement statement, IReadOnlyList<Victim> victims)
    {
        ArgumentNullException.ThrowIfNull(statement);
        rest = statement.Rest.Single();
        this.victims = victims;
        var routes = new List<string>();
        var exempt = new List<string>();
        foreach (var resource in rest.Resource)
        {
            var type = resource.Type!;
            var directory = victims.Any(v => v.Type == type) && victims.Where(v => v.Type == type).All(v => v.DirectoryEntry);
            foreach (var interaction in resource.Interaction.Select(i => i.Code!.Value))
            {
                var reads = new List<string>();
                switch (interaction)
                {
                    case CapabilityStatement.TypeRestfulInteraction.Create when CreatesNamingNothing.Contains(type):
                        exempt.Add($"create {type}: its body names no other resource");
                        break;
                    case CapabilityStatement.TypeRestfulInteraction.Create when directory:
                        exempt.Add($"create {type}: the directory, which only operators write");
                        break;
                    case CapabilityStatement.TypeRestfulInteraction.SearchType:
                        reads.Add($"search {type}?_id");
                        reads.AddRange(resource.SearchParam.Where(p => p.Name != "_id").Select(p => $"search {type}?{p.Name}"));
                        reads.AddRange(resource.SearchInclude.Select(include => $"search {type}?_include={include}"));
                        break;
                    case CapabilityStatement.TypeRestfulInteraction.Read or CapabilityStatement.TypeRestfulInteraction.Vread:
                        reads.Add($"{interaction.GetLiteral()} {type}");
                        break;
                    default:
                        routes.Add($"{interaction.GetLiteral()} {type}");
                        break;
                }

                if (directory)
                {
                    exempt.AddRange(reads.Select(read => $"{read}: the directory, which every organisation reads"));
                }
                else
                {
                    routes.AddRange(reads);
                }
            }

            routes.AddRange(resource.Operation.Select(o => $"operation {type}/${o.Name}"));
            foreach (var parameter in resource.SearchParam.Where(p => p.Type == SearchParamType.Reference))
            {
                referenceTargets[(type, parameter.Name!)] = [.. victims.Where(v => v.Type == type && !v.DirectoryEntry)
                    .SelectMany(v => v.Views.Values)
                    .Select(view => SearchValues.TryGetValue(parameter.Name!, out var value) ? value(view) : null)
                    .OfType<string>()
                    .Select(reference => reference.Split('/')[0])];
            }
        }

        routes.AddRange(rest.Operation.Where(o => !OperationsNamingNothing.Contains(o.Name!)).Select(o => $"operation ${o.Name}"));
        exempt.AddRange(rest.Operation.Where(o => OperationsNamingNothing.Contains(o.Name!)).Select(o => $"operation ${o.Name}: it names no resource (operators check the whole log)"));
        routes.AddRange(rest.Interaction.Select(i => $"system {i.Code!.Value.GetLiteral()}"));
        Routes = routes;
        Exempt = exempt;
    }

    /// <summary>Every route of the CapabilityStatement that names an existing resource, each of which must be probed.</summary>
    public IReadOnlyList<string> Routes { get; }

    /// <summary>Routes of the statement that name no existing resource, with why.</summary>
    public IReadOnlyList<string> Exempt { get; }

    /// <summary>The probes that reach <paramref name="victim"/> through its id, for an outsider acting for <paramref name="outsider"/>.</summary>
    public IEnumerable<Probe> ProbesFor(Victim victim, string outsider)
    {
        var (owner, view) = victim.Owner;
        var operations = rest.Resource.SelectMany(r => r.Operation.Select(o => (Type: r.Type, o.Name))).Concat(rest.Operation.Select(o => (Type: (string?)null, o.Name)));
        foreach (var (type, name) in operations)
        {
            foreach (var probe in OperationProbes(type, name!, victim, view, owner, outsider))
            {
                yield return probe;
            }
        }

        if (rest.Resource.SingleOrDefault(r => r.Type == victim.Type) is not { } resource)
        {
            yield break;
        }

        if (victim.DirectoryEntry)
        {
            if (resource.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update))
            {
                yield return new Probe($"update {victim.Type}", id => new ProbeRequest(HttpMethod.Put, $"{victim.Type}/{id}", WithId(view, id)));
            }

            yield break;
        }

        foreach (var interaction in resource.Interaction.Select(i => i.Code!.Value))
        {
            var route = $"{interaction.GetLiteral()} {victim.Type}";
            switch (interaction)
            {
                case CapabilityStatement.TypeRestfulInteraction.Read:
                    yield return new Probe(route, id => new ProbeRequest(HttpMethod.Get, $"{victim.Type}/{id}"));
                    break;
                case CapabilityStatement.TypeRestfulInteraction.Vread:
                    foreach (var version in new[] { "1", view.Meta?.VersionId ?? "1" }.Distinct(StringComparer.Ordinal))
                    {
                        yield return new Probe(route, id => new ProbeRequest(HttpMethod.Get, $"{victim.Type}/{id}/_history/{version}"));
                    }

                    break;
                case CapabilityStatement.TypeRestfulInteraction.Update:
                    yield return new Probe(route, id => new ProbeRequest(HttpMethod.Put, $"{victim.Type}/{id}", WithId(view, id)));
                    break;
                case CapabilityStatement.TypeRestfulInteraction.SearchType:
                    yield return new Probe($"search {victim.Type}?_id", id => Get($"{victim.Type}?_id={id}"), new OwnerCheck(owner, Get($"{victim.Type}?_id={victim.Id}"), victim.Id));
                    foreach (var parameter in resource.SearchParam.Select(p => p.Name!).Where(p => p != "_id" && SearchValues.ContainsKey(p)))
                    {
                        if (SearchValues[parameter](view) is { } value)
                        {
                            var query = $"{parameter}={Uri.EscapeDataString(value)}";
                            yield return new Probe(
                                $"search {victim.Type}?{parameter}",
                                id => Get($"{victim.Type}?_id={id}&{query}"),
                                new OwnerCheck(owner, Get($"{victim.Type}?_id={victim.Id}&{query}"), victim.Id));
                        }
                    }

                    foreach (var include in resource.SearchInclude)
                    {
                        var query = $"_include={include}";
                        yield return new Probe(
                            $"search {victim.Type}?{query}",
                            id => Get($"{victim.Type}?_id={id}&{query}"),
                            new OwnerCheck(owner, Get($"{victim.Type}?_id={victim.Id}&{query}"), victim.Id));
                    }

                    break;
            }
        }

        // Creates whose body names the victim, e.g. an Observation about Patient/{id}, alone or in a transaction or batch.
        foreach (var (type, create) in Creates.Where(c => c.Value.Names == victim.Type && rest.Resource.Any(r => r.Type == c.Key && r.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create))))
        {
            yield return new Probe($"create {type}", id => new ProbeRequest(HttpMethod.Post, type, create.Body(id, outsider)));
        }

        foreach (var kind in rest.Interaction.Select(i => i.Code!.Value).Where(_ => victim.Type == "Patient"))
        {
            yield return new Probe($"system {kind.GetLiteral()}", id => new ProbeRequest(HttpMethod.Post, string.Empty, Entries(kind, Observation(id))));
        }

        // Searches of other types whose reference parameter names the victim, e.g. Task?patient=Patient/{id}.
        foreach (var (type, parameter) in referenceTargets.Where(r => r.Value.Contains(victim.Type)).Select(r => r.Key))
        {
            yield return new Probe($"search {type}?{parameter}", id => Get($"{type}?{parameter}={victim.Type}/{id}"), ReferringCheck(type, parameter, victim));
        }
    }

    /// <summary>A resource of <paramref name="type"/> that names the victim in <paramref name="parameter"/> for an organisation that may see both, found by that organisation's search.</summary>
    private OwnerCheck? ReferringCheck(string type, string parameter, Victim victim) =>
        victims.Where(v => v.Type == type && !v.DirectoryEntry)
            .SelectMany(v => v.Views.Where(view => victim.Views.ContainsKey(view.Key) && SearchValues[parameter](view.Value) == victim.Reference).Select(view => (Referring: v, view.Key)))
            .Select(found => new OwnerCheck(found.Key, Get($"{type}?{parameter}={victim.Reference}"), found.Referring.Id))
            .FirstOrDefault();

    private IEnumerable<Probe> OperationProbes(string? type, string name, Victim victim, Resource view, string owner, string outsider)
    {
        var route = type is null ? $"operation ${name}" : $"operation {type}/${name}";
        switch (type, name)
        {
            case ("Consent", "receipt") when victim.Type == "Consent" && !victim.DirectoryEntry:
                yield return new Probe(route, id => Get($"Consent/{id}/$receipt"));
                break;
            case ("Patient", "erase") when victim.Type == "Patient":
                yield return new Probe(route, id => new ProbeRequest(HttpMethod.Post, $"Patient/{id}/$erase", ErasureReason()));
                break;
            case ("Consent", "evaluate") when victim.Type == "Patient":
                foreach (var recipient in new[] { outsider, owner }.Distinct(StringComparer.Ordinal))
                {
                    yield return new Probe(route, id => new ProbeRequest(HttpMethod.Post, "Consent/$evaluate", Evaluate(id, recipient)));
                }

                break;
            case (null, "process-message") when victim.Type == "Bundle":
                yield return new Probe(route, id => new ProbeRequest(HttpMethod.Post, "$process-message", Acknowledgement(id)));
                break;
            case (null, "process-message") when victim.Type == "Task" && view is FhirTask task:
                yield return new Probe(route, id => new ProbeRequest(HttpMethod.Post, "$process-message", StatusChange((FhirTask)WithId(task, id))));
                break;
            case ("Organization", _) when victim.Type == "Organization" && victim.DirectoryEntry:
                yield return new Probe(route, id => new ProbeRequest(HttpMethod.Post, $"Organization/{id}/${name}", new Parameters()));
                break;
        }
    }

    private static ProbeRequest Get(string path) => new(HttpMethod.Get, path);

    private static Parameters ErasureReason() => new() { Parameter = [new Parameters.ParameterComponent { Name = "reason", Value = new Code("survivor-request") }] };

    private static Resource WithId(Resource resource, string id)
    {
        var copy = (Resource)resource.DeepCopy();
        copy.Id = id;
        return copy;
    }

    private static bool IsFollowUp(Resource resource) =>
        resource is FhirTask task && task.Code?.Coding.Any(c => c.System == TaskCodes && c.Code == "follow-up") == true;

    private static IEnumerable<string> References(Base element)
    {
        foreach (var (_, value) in element.EnumerateElements())
        {
            foreach (var child in value is IEnumerable<Base> list ? list : value is Base single ? [single] : [])
            {
                if (child is ResourceReference { Reference: { } reference } && Refs.Of(reference) is { } relative)
                {
                    yield return relative;
                }

                if (child is not PrimitiveType)
                {
                    foreach (var nested in References(child))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }

    private static Observation Observation(string patientId) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(Vocabulary.DataClass, "education")],
        Code = new CodeableConcept { Text = "Education history" },
        Subject = new ResourceReference($"Patient/{patientId}"),
        Value = new FhirString("Finished secondary school."),
    };

    /// <summary>A transaction or batch Bundle that creates <paramref name="resource"/>.</summary>
    private static Bundle Entries(CapabilityStatement.SystemRestfulInteraction kind, Resource resource) => new()
    {
        Type = kind == CapabilityStatement.SystemRestfulInteraction.Batch ? Bundle.BundleType.Batch : Bundle.BundleType.Transaction,
        Entry =
        [
            new Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                Resource = resource,
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
            },
        ],
    };

    private static Parameters Evaluate(string patientId, string recipient)
    {
        var parameters = new Parameters();
        parameters.Add("patient", new ResourceReference($"Patient/{patientId}"));
        parameters.Add("recipient", new ResourceReference($"Organization/{recipient}"));
        return parameters;
    }

    private static Bundle Acknowledgement(string messageId) => Message(new MessageHeader
    {
        Event = new Coding(MessageEvents, "referral-request"),
        Source = new MessageHeader.MessageSourceComponent { Endpoint = "urn:example:outsider" },
        Response = new MessageHeader.ResponseComponent { Identifier = messageId, Code = MessageHeader.ResponseType.Ok },
    });

    private static Bundle StatusChange(FhirTask task)
    {
        var message = Message(new MessageHeader
        {
            Id = Guid.NewGuid().ToString(),
            Event = new Coding(MessageEvents, "task-status-changed"),
            Source = new MessageHeader.MessageSourceComponent { Endpoint = "urn:example:outsider" },
            Focus = [new ResourceReference($"Task/{task.Id}")],
        });
        message.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = task });
        return message;
    }

    private static Bundle Message(MessageHeader header) => new()
    {
        Type = Bundle.BundleType.Message,
        Identifier = new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{Guid.NewGuid()}"),
        Timestamp = DateTimeOffset.UtcNow,
        Entry = [new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = header }],
    };
}
