namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>What the hub must decide about a case: refuse it (422), or accept it and disclose exactly some classes.</summary>
/// <param name="Governing">Index of the consent that governs the disclosure.</param>
public sealed record ConsentDecision(bool Accepted, string Why, int? Governing, IReadOnlySet<string> Permitted)
{
    public bool Permits(string dataClass) => Permitted.Contains(dataClass);

    public override string ToString() => Accepted
        ? $"accepted under Consent #{Governing}, permitting [{string.Join(", ", CaseGenerators.DataClasses.Where(Permits))}]"
        : $"refused: {Why}";
}

/// <summary>
/// The test's own model of the consent semantics stated in the remarks of the hub's <c>ConsentEvaluator</c> (and of
/// DESIGN §7), for the question asked at submission: may this recipient receive each data class, for
/// reintegration-assistance, now? Written over the generated shapes, independently of the hub's code.
/// </summary>
public static class ConsentOracle
{
    public const string Purpose = "reintegration-assistance";

    private enum Cover
    {
        Unstated,
        Covers,
        Excludes,
    }

    /// <param name="consentIds">The ids the hub gave the consents, index by index (they break ties of dateTime); null before submission.</param>
    public static ConsentDecision Decide(SurvivorCase survivor, IReadOnlyList<string>? consentIds)
    {
        if (survivor.Consents.FirstOrDefault(consent => InvalidInput(consent) is not null) is { } invalid)
        {
            return Refused($"the hub's Consent profile refuses it: {InvalidInput(invalid)}");
        }

        var candidates = survivor.Consents
            .Select((consent, index) => (consent, index))
            .Where(c => c.consent.Status == ConsentStatus.Active && !c.consent.NotUnderstood)
            .Select(c => (c.index, c.consent, permitted: CaseGenerators.DataClasses.Where(dataClass => Permits(c.consent.Root, survivor.Recipient, dataClass)).ToHashSet()))
            .Where(c => c.permitted.Contains("referral"))
            .ToList();
        if (candidates.Count == 0)
        {
            return Refused("no active, understood consent permits referral to the recipient for reintegration-assistance now");
        }

        // The latest dateTime governs (none counts as the oldest); a tie goes to the ordinally larger id.
        var governing = candidates
            .OrderByDescending(c => c.consent.Recorded?.Instant ?? DateTimeOffset.MinValue)
            .ThenByDescending(c => consentIds?[c.index] ?? string.Empty, StringComparer.Ordinal)
            .First();
        return new ConsentDecision(true, "permitted", governing.index, governing.permitted);
    }

    /// <summary>
    /// One consent's answer for one class: the deepest applicable rule of each branch decides; any deciding deny
    /// wins; no applicable rule means deny.
    /// </summary>
    public static bool Permits(RuleShape root, string recipient, string dataClass)
    {
        var deciding = new List<RuleKind>();
        Collect(root, [], recipient, dataClass, deciding);
        return deciding.Count > 0 && deciding.All(kind => kind == RuleKind.Permit);
    }

    /// <summary>Adds the deciding rules of this subtree; true when any rule in it applies.</summary>
    private static bool Collect(RuleShape rule, IReadOnlyList<RuleShape> ancestors, string recipient, string dataClass, List<RuleKind> deciding)
    {
        List<RuleShape> path = [.. ancestors, rule];
        var nestedApplies = false;
        foreach (var exception in rule.Exceptions)
        {
            nestedApplies |= Collect(exception, path, recipient, dataClass, deciding);
        }

        if (nestedApplies)
        {
            return true;
        }

        var applies = rule.Kind == RuleKind.Permit ? PermitApplies(path, recipient, dataClass) : DenyApplies(path, recipient, dataClass);
        if (applies)
        {
            deciding.Add(rule.Kind == RuleKind.Permit ? RuleKind.Permit : RuleKind.Deny);
        }

        return applies;
    }

    /// <summary>Nothing on the path excludes the question, and the path names the recipient, the purpose and the class.</summary>
    private static bool PermitApplies(List<RuleShape> path, string recipient, string dataClass)
    {
        var actors = path.Select(rule => rule.Actors.Count == 0 ? Cover.Unstated
            : rule.Actors.Any(actor => actor.Organization == recipient && actor.InformationRecipient) ? Cover.Covers : Cover.Excludes).ToList();
        var purposes = path.Select(rule => CertainCode(rule.Purposes, Purpose)).ToList();
        var classes = path.Select(rule => CertainCode(rule.Classes, dataClass)).ToList();
        // A period that is not now (or unreadable), or a criterion the hub does not evaluate, excludes.
        var excludedOtherwise = path.Any(rule => rule.Period is PeriodKind.Past or PeriodKind.Future or PeriodKind.EndBeforeStart
            || rule.Restriction is not (RuleRestriction.None or RuleRestriction.DiscloseAction));
        return !actors.Concat(purposes).Concat(classes).Contains(Cover.Excludes) && !excludedOtherwise
            && actors.Contains(Cover.Covers) && purposes.Contains(Cover.Covers) && classes.Contains(Cover.Covers);
    }

    /// <summary>A deny applies unless the path certainly leaves the question out; what it does not understand widens it.</summary>
    private static bool DenyApplies(List<RuleShape> path, string recipient, string dataClass) =>
        path.All(rule =>
            (rule.Actors.Count == 0 || rule.Actors.Any(actor => actor.Organization == recipient))
            && PossibleCode(rule.Purposes, Purpose, CaseGenerators.Purposes)
            && PossibleCode(rule.Classes, dataClass, CaseGenerators.DataClasses)
            && rule.Period is not (PeriodKind.Past or PeriodKind.Future));

    private static Cover CertainCode(IReadOnlyList<CodeShape> codes, string wanted) =>
        codes.Count == 0 ? Cover.Unstated
        : codes.Any(code => code.HubSystem && code.Code == wanted) ? Cover.Covers
        : Cover.Excludes;

    private static bool PossibleCode(IReadOnlyList<CodeShape> codes, string wanted, string[] vocabulary) =>
        codes.Count == 0 || codes.Any(code => !code.HubSystem || code.Code == wanted || !vocabulary.Contains(code.Code));

    /// <summary>
    /// Why the hub refuses this Consent at input (its profile, contracts/fhir, and business rules), or null. The
    /// evaluator's reading of such consents (fail closed) is tested on its own in ReferralHub.Consent.Tests.
    /// </summary>
    private static string? InvalidInput(ConsentShape consent)
    {
        var rules = Rules(consent.Root).ToList();
        return consent.NotUnderstood ? "a modifierExtension the hub does not know"
            : rules.Any(rule => rule.Kind == RuleKind.Untyped) ? "a rule without a type"
            : rules.Any(rule => rule.Period == PeriodKind.EndBeforeStart) ? "a period ending before it starts"
            : rules.Any(rule => rule.Kind == RuleKind.Permit && rule.Actors.Any(actor => !actor.InformationRecipient)) ? "a permit naming an actor that is not an information recipient (IRCP)"
            : rules.Any(rule => rule.Classes.Any(code => !code.HubSystem || !CaseGenerators.DataClasses.Contains(code.Code))) ? "a data class outside the hub's vocabulary"
            : rules.Any(rule => rule.Purposes.Any(code => !code.HubSystem || !CaseGenerators.Purposes.Contains(code.Code))) ? "a purpose outside the hub's vocabulary"
            : null;
    }

    private static IEnumerable<RuleShape> Rules(RuleShape rule) => rule.Exceptions.SelectMany(Rules).Prepend(rule);

    private static ConsentDecision Refused(string why) => new(false, why, null, new HashSet<string>());
}
