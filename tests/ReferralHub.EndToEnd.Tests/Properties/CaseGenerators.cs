using CsCheck;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// CsCheck generators of referral cases. Choices are ordered so that CsCheck's shrinking (towards smaller draws)
/// moves towards the plainer case: fewer consents, shallower trees, fewer elements, no odd criteria.
/// </summary>
public static class CaseGenerators
{
    public static readonly string[] Recipients = [NgoEdo, NgoLagos, GovAgency];

    /// <summary>The data-class codes of DESIGN §7, written out here rather than read from the hub.</summary>
    public static readonly string[] DataClasses =
    [
        "referral", "name", "birth-date", "birth-year", "gender", "contact", "language", "nationality",
        "identity-documents", "family", "needs", "case-notes", "education", "employment", "health", "exploitation",
    ];

    public static readonly string[] ObservationClasses = ["education", "employment", "health", "exploitation"];

    public static readonly string[] Purposes = ["reintegration-assistance", "follow-up-monitoring", "statistics"];

    /// <summary>A code the hub's data-class CodeSystem does not have (the hub refuses a Consent naming it in that system).</summary>
    public const string UnknownDataClass = "photographs";

    private static readonly Dictionary<string, string[]> Services = new()
    {
        [NgoEdo] = ["vocational-training", "micro-enterprise", "micro-credit", "psychosocial", "professional-orientation"],
        [NgoLagos] = ["education-reinsertion", "job-placement", "apprenticeship", "wage-subsidy"],
        [GovAgency] = ["legal-administrative", "family-counselling", "health"],
    };

    private static Gen<PatientShape> Patient { get; } = Subset(
            (PatientPart.Name, 70), (PatientPart.BirthDate, 70), (PatientPart.Gender, 70), (PatientPart.Telecom, 60),
            (PatientPart.Address, 60), (PatientPart.Language, 60), (PatientPart.Nationality, 50), (PatientPart.Identifier, 50),
            (PatientPart.Family, 50), (PatientPart.Narrative, 30), (PatientPart.OtherExtension, 25), (PatientPart.Contained, 20),
            (PatientPart.MaritalStatus, 20), (PatientPart.ReferenceDisplays, 20), (PatientPart.ElementExtension, 20), (PatientPart.MetaTag, 20))
        .Select(PatientShape.Of);

    private static Gen<CodeShape> ObservationCategory { get; } = Gen.Frequency(
        (20, Gen.OneOf(ObservationClasses).Select(code => new CodeShape(true, code))),
        (2, Gen.OneOf("name", "referral", "case-notes").Select(code => new CodeShape(true, code))),
        (1, Gen.Const(new CodeShape(true, UnknownDataClass))),
        (2, Gen.Const(new CodeShape(false, "social-history"))));

    private static Gen<ObservationShape> Observation { get; } = Gen.Select(
        Gen.Frequency((4, ObservationCategory.List[1, 1]), (1, ObservationCategory.List[2, 2])),
        Chance(85),
        Subset((ObservationExtra.Narrative, 20), (ObservationExtra.Identifier, 15), (ObservationExtra.PerformerDisplay, 15),
            (ObservationExtra.NoteAuthorName, 15), (ObservationExtra.Extension, 15), (ObservationExtra.BodySite, 10)),
        (categories, supporting, extras) => new ObservationShape(categories, supporting, extras));

    private static Gen<RequestShape> Request(int observations) => Gen.Select(
        Chance(70),
        Chance(70),
        observations == 0 ? Gen.Const((int?)null) : Gen.Frequency((3, Gen.Const((int?)null)), (1, Gen.Int[0, observations - 1].Select(i => (int?)i))),
        Subset((RequestExtra.Narrative, 25), (RequestExtra.PatientInstruction, 20), (RequestExtra.OrderDetail, 15),
            (RequestExtra.ReferenceDisplays, 20), (RequestExtra.NoteAuthorName, 20), (RequestExtra.Extension, 15)),
        // A note's author needs a note to belong to.
        (needs, notes, reason, extras) => new RequestShape(needs, notes, reason, notes ? extras : extras.Where(e => e != RequestExtra.NoteAuthorName).ToHashSet()));

    private static Gen<ConsentShape> Consent(string recipient) => Gen.Select(
        Gen.Frequency(
            (16, Gen.Const(ConsentStatus.Active)), (2, Gen.Const(ConsentStatus.Inactive)), (1, Gen.Const(ConsentStatus.Draft)),
            (1, Gen.Const(ConsentStatus.Proposed)), (1, Gen.Const(ConsentStatus.Rejected)), (1, Gen.Const(ConsentStatus.EnteredInError))),
        Gen.Frequency(
            (8, Gen.Select(Gen.OneOf(0, 60, 120), Gen.OneOf(0, 2, -5), (minutes, offset) => (RecordedAt?)new RecordedAt(minutes, offset))),
            (1, Gen.Const((RecordedAt?)null))),
        Chance(5),
        Rule(recipient, depth: 3, root: true),
        (status, recorded, notUnderstood, root) => new ConsentShape(status, recorded, notUnderstood, root));

    /// <summary>
    /// A provision rule and its exceptions, down to <paramref name="depth"/> more levels: mostly a bare deny at the
    /// root with permits for the recipient nested in it, and denies nested in those that carve classes out.
    /// </summary>
    private static Gen<RuleShape> Rule(string recipient, int depth, bool root)
    {
        var exceptions = depth == 0
            ? Gen.Const<IReadOnlyList<RuleShape>>(Array.Empty<RuleShape>())
            : Gen.Frequency(
                (root ? 1 : 6, Gen.Const<IReadOnlyList<RuleShape>>(Array.Empty<RuleShape>())),
                (root ? 12 : 3, Rule(recipient, depth - 1, root: false).List[1, 2].Select(list => (IReadOnlyList<RuleShape>)list)));
        var none = Gen.Const(PeriodKind.None);
        var unrestricted = Gen.Const(RuleRestriction.None);
        // Shapes the hub refuses at input (an inverted period, an untyped rule) are rare, so most cases reach a disclosure.
        var anyPeriod = Gen.Frequency((40, PeriodKind.None), (10, PeriodKind.Current), (2, PeriodKind.Past), (2, PeriodKind.Future), (2, PeriodKind.OpenStart), (2, PeriodKind.OpenEnd), (1, PeriodKind.EndBeforeStart));
        var anyRestriction = Gen.Frequency((20, RuleRestriction.None), (3, RuleRestriction.DiscloseAction), (1, RuleRestriction.AccessActionOnly), (1, RuleRestriction.SecurityLabel),
            (1, RuleRestriction.Code), (1, RuleRestriction.DataPeriod));
        var templates = root
            ? Gen.Frequency(
                // Mostly the README's shape: a bare deny, permits nested in it. Criteria at the root scope the whole tree.
                (12, Gen.Const((RuleKind.Deny, BareCriteria, none, unrestricted))),
                (3, Gen.Const((RuleKind.Permit, PermitCriteria(recipient), anyPeriod, anyRestriction))),
                (1, Gen.OneOf(RuleKind.Deny, RuleKind.Untyped).Select(kind => (kind, DenyCriteria(recipient), anyPeriod, anyRestriction))))
            : Gen.Frequency(
                (18, Gen.Const((RuleKind.Permit, PermitCriteria(recipient), anyPeriod, anyRestriction))),
                (9, Gen.Const((RuleKind.Deny, DenyCriteria(recipient), anyPeriod, anyRestriction))),
                (1, Gen.Const((RuleKind.Untyped, DenyCriteria(recipient), anyPeriod, anyRestriction))));
        return templates.SelectMany(template => Gen.Select(
            template.Item2,
            template.Item3,
            template.Item4,
            exceptions,
            (criteria, period, restriction, nested) =>
            {
                // An untyped rule with nothing in it is an empty element, which FHIR JSON cannot carry: a bare deny says the same.
                var empty = criteria == Criteria.None && period == PeriodKind.None && restriction == RuleRestriction.None && nested.Count == 0;
                return new RuleShape(template.Item1 == RuleKind.Untyped && empty ? RuleKind.Deny : template.Item1, criteria.Actors, criteria.Purposes, criteria.Classes, period, restriction, nested);
            }));
    }

    private static Gen<Criteria> BareCriteria { get; } = Gen.Const(Criteria.None);

    /// <summary>A permit usually names the recipient, the purpose, referral and a few classes; left out, a criterion is inherited.</summary>
    private static Gen<Criteria> PermitCriteria(string recipient) => Gen.Select(
        Gen.Frequency((1, Gen.Const<IReadOnlyList<ActorShape>>(Array.Empty<ActorShape>())), (10, Actor(recipient).List[1, 2].Select(list => (IReadOnlyList<ActorShape>)list))),
        Gen.Frequency(
            (1, Gen.Const<IReadOnlyList<CodeShape>>(Array.Empty<CodeShape>())),
            (12, Gen.Const<IReadOnlyList<CodeShape>>([new CodeShape(true, ConsentOracle.Purpose)])),
            (2, Purpose.List[1, 2].Select(list => (IReadOnlyList<CodeShape>)list))),
        Gen.Select(Chance(90), ClassCode.List[2, 10], (referral, codes) => (IReadOnlyList<CodeShape>)(referral ? [new CodeShape(true, "referral"), .. codes] : codes)),
        (actors, purposes, classes) => new Criteria(actors, purposes, classes));

    /// <summary>A deny usually carves out a few classes; sometimes it names an actor or a purpose.</summary>
    private static Gen<Criteria> DenyCriteria(string recipient) => Gen.Select(
        Gen.Frequency((3, Gen.Const<IReadOnlyList<ActorShape>>(Array.Empty<ActorShape>())), (1, Actor(recipient).List[1, 1].Select(list => (IReadOnlyList<ActorShape>)list))),
        Gen.Frequency((5, Gen.Const<IReadOnlyList<CodeShape>>(Array.Empty<CodeShape>())), (1, Purpose.List[1, 1].Select(list => (IReadOnlyList<CodeShape>)list))),
        Gen.Frequency((1, Gen.Const<IReadOnlyList<CodeShape>>(Array.Empty<CodeShape>())), (20, DeniedClassCode.List[1, 3].Select(list => (IReadOnlyList<CodeShape>)list))),
        (actors, purposes, classes) => new Criteria(actors, purposes, classes));

    private static Gen<ActorShape> Actor(string recipient) => Gen.Frequency(
        (16, Gen.Const(new ActorShape(recipient, true))),
        (3, Gen.OneOf(Recipients.Where(r => r != recipient).ToArray()).Select(other => new ActorShape(other, true))),
        (1, Gen.Const(new ActorShape(recipient, false))),
        (1, Gen.Const(new ActorShape(Shelter, true))));

    private static Gen<CodeShape> Purpose { get; } = Gen.Frequency(
        (10, Gen.Const(new CodeShape(true, "reintegration-assistance"))),
        (3, Gen.OneOf("follow-up-monitoring", "statistics").Select(code => new CodeShape(true, code))),
        (1, Gen.Const(new CodeShape(false, "research"))));

    private static Gen<CodeShape> ClassCode { get; } = Gen.Frequency(
        (600, Gen.OneOf(DataClasses).Select(code => new CodeShape(true, code))),
        (2, Gen.Const(new CodeShape(false, UnknownDataClass))),
        (1, Gen.Const(new CodeShape(true, UnknownDataClass))));

    /// <summary>
    /// Declared after the generators it uses: static properties initialise in order. Some cases are made tidy — only
    /// elements their consents permit — so that views from which nothing is withheld (no REDACTED label) occur too.
    /// </summary>
    public static Gen<SurvivorCase> Case { get; } =
        Gen.OneOf(Recipients).SelectMany(recipient =>
            Gen.Select(
                Gen.OneOf(Services[recipient]),
                Consent(recipient).List[1, 3],
                Patient,
                Observation.List[0, 3],
                (service, consents, patient, observations) => (recipient, service, consents, patient, observations)))
        .SelectMany(drawn => Gen.Select(Request(drawn.observations.Count), Chance(30), (request, tidy) => (request, tidy)).Select(last =>
        {
            var survivor = new SurvivorCase(drawn.recipient, drawn.service, drawn.consents, drawn.patient, drawn.observations, last.request);
            return last.tidy ? Tidy(survivor) : survivor;
        }));

    private static readonly Dictionary<PatientPart, string> PatientPartClasses = new()
    {
        [PatientPart.Name] = "name",
        [PatientPart.BirthDate] = "birth-date",
        [PatientPart.Gender] = "gender",
        [PatientPart.Telecom] = "contact",
        [PatientPart.Address] = "contact",
        [PatientPart.Language] = "language",
        [PatientPart.Nationality] = "nationality",
        [PatientPart.Identifier] = "identity-documents",
        [PatientPart.Family] = "family",
    };

    /// <summary>The case without the elements its consents withhold (as the oracle reads them before ids are known).</summary>
    private static SurvivorCase Tidy(SurvivorCase survivor)
    {
        var decision = ConsentOracle.Decide(survivor, null);
        if (!decision.Accepted)
        {
            return survivor;
        }

        bool Disclosable(ObservationShape observation) =>
            observation.Categories.Any(c => c.HubSystem)
            && observation.Categories.Where(c => c.HubSystem).All(c => ObservationClasses.Contains(c.Code) && decision.Permits(c.Code));
        var observations = survivor.Observations
            .Select(o => o with { Supporting = o.Supporting && Disclosable(o), Extras = new HashSet<ObservationExtra>() })
            .ToList();
        var reason = survivor.Request.ReasonReference is { } target && decision.Permits("needs") && observations[target].Supporting ? target : (int?)null;
        var patient = PatientShape.Of(survivor.Patient.Parts
            .Where(part => part == PatientPart.MetaTag || (PatientPartClasses.TryGetValue(part, out var dataClass) && decision.Permits(dataClass))));
        var request = new RequestShape(
            survivor.Request.Needs && decision.Permits("needs"),
            survivor.Request.CaseNotes && decision.Permits("case-notes"),
            reason,
            new HashSet<RequestExtra>());
        return survivor with { Patient = patient, Observations = observations, Request = request };
    }

    private sealed record Criteria(IReadOnlyList<ActorShape> Actors, IReadOnlyList<CodeShape> Purposes, IReadOnlyList<CodeShape> Classes)
    {
        public static readonly Criteria None = new([], [], []);
    }

    /// <summary>What a deny carves out: rarely referral itself, rarely a code outside the hub's vocabulary (which denies every class).</summary>
    private static Gen<CodeShape> DeniedClassCode { get; } = Gen.Frequency(
        (600, Gen.OneOf(DataClasses[1..]).Select(code => new CodeShape(true, code))),
        (18, Gen.Const(new CodeShape(true, "referral"))),
        (1, Gen.Const(new CodeShape(false, UnknownDataClass))),
        (1, Gen.Const(new CodeShape(true, UnknownDataClass))));

    /// <summary>True with the given chance; shrinks to false.</summary>
    private static Gen<bool> Chance(int percent) => Gen.Int[0, 99].Select(draw => draw >= 100 - percent);

    /// <summary>Each item independently, with its chance; shrinks towards the empty set.</summary>
    private static Gen<IReadOnlySet<T>> Subset<T>(params (T Item, int Percent)[] items) =>
        Gen.Int[0, 99].Array[items.Length].Select(draws =>
            (IReadOnlySet<T>)items.Where((item, index) => draws[index] >= 100 - item.Percent).Select(item => item.Item).ToHashSet());
}
