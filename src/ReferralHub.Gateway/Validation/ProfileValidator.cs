using System.Threading.Channels;
using Firely.Fhir.Validation;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Terminology;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using Task = System.Threading.Tasks.Task;
using Issue = Hl7.Fhir.Model.OperationOutcome.IssueComponent;
using IssueSeverity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;

namespace ReferralHub.Gateway.Validation;

/// <summary>
/// Validates inbound Consent, ServiceRequest, Task and Communication against the hub's profiles with Firely's validator; a resource
/// that breaks its profile is refused with 422 and the validator's issues. Thread-safe through a pool: a Firely validator
/// and its resolvers are not safe to share between threads (they correct the definitions they load in place, and
/// expand value sets into the cached ones), so each validation borrows an instance no other thread uses meanwhile. A
/// validation waiting for an instance holds no thread: Firely runs each binding check through <c>Task.Run</c> and blocks
/// on it, so a validation in progress needs a free pool thread to finish, and requests parked on threads while they
/// waited left it none (seconds-long stalls under bursts).
/// </summary>
public sealed class ProfileValidator
{
    /// <summary>A hostile body can break a rule thousands of times; the answer names enough of them to fix it.</summary>
    public const int MaxReportedIssues = 50;

    private static readonly (string Example, string Profile)[] WarmUpExamples =
    [
        ("Consent-example", HubProfiles.Consent),
        ("ServiceRequest-example", HubProfiles.ReferralServiceRequest),
        ("Task-example", HubProfiles.ReferralTask),
        ("Task-follow-up-example", HubProfiles.FollowUpTask),
        ("Communication-example", HubProfiles.Communication),
    ];

    private readonly Channel<Validator> idle = Channel.CreateUnbounded<Validator>();
    private readonly int maxInstances;
    private readonly Lazy<Task> warmUp;
    private int instances;

    /// <summary>
    /// A pool that starts with one validator and grows, up to <paramref name="maxInstances"/>, when validations wait
    /// for one. Each instance holds its own definitions (some 90 MB) and pays its own warm-up, so a hub that never
    /// validates two resources at once never pays for a second.
    /// </summary>
    internal ProfileValidator(int maxInstances)
    {
        this.maxInstances = maxInstances;
        warmUp = new(() =>
        {
            instances = 1;
            return Task.Run(AddInstance);
        });
    }

    /// <summary>
    /// The one pool of the process. The definitions are the same for every host in it (the tests run several), and
    /// reading the core specification and compiling the profiles costs seconds of CPU. At most one validator per core,
    /// as validation is CPU work, and at most four: validation is a tenth of a referral's CPU.
    /// </summary>
    public static ProfileValidator Shared { get; } = new(Math.Min(Environment.ProcessorCount, 4));

    /// <summary>
    /// Pays the first validation's cost (reading the definitions, compiling the profiles) ahead of requests, once per
    /// process on the thread pool; every caller gets the same task.
    /// </summary>
    public Task WarmUpAsync() => warmUp.Value;

    /// <summary>Whether the warm-up has finished, so that a validation now costs milliseconds, not seconds.</summary>
    public bool IsWarm => warmUp.IsValueCreated && warmUp.Value.IsCompletedSuccessfully;

    /// <summary>
    /// Validates the shipped example of every profile: an empty resource loads only the profile, while the first
    /// real one also loads its datatypes, value sets, slices and invariants (measured: 0.6 s for the first Consent,
    /// ServiceRequest, Task and Communication after a warm-up on empty ones, ~25 ms once warm).
    /// </summary>
    private void AddInstance()
    {
        var validator = CreateValidator();
        foreach (var (example, profile) in WarmUpExamples)
        {
            validator.Validate(FhirJson.Parse<Resource>(CodeSystemLoader.ReadExampleJson(example)), profile);
        }

        idle.Writer.TryWrite(validator);
    }

    /// <summary>Starts warming another instance on the thread pool, unless the pool is at its size.</summary>
    private void Grow()
    {
        var count = Volatile.Read(ref instances);
        if (count < maxInstances && Interlocked.CompareExchange(ref instances, count + 1, count) == count)
        {
            _ = Task.Run(AddInstance);
        }
    }

    private static Validator CreateValidator()
    {
        var resolver = ConformanceResolver.Create();
        var settings = new ValidationSettings
        {
            // Profiles a client claims in meta.profile are not the hub's to check (nor can it resolve them): every
            // resource is validated against the hub's own profile for its type, whatever it claims.
            SelectValidationProfiles = (_, _, _, _) => [],
            // Without it, every validation builds its own FHIRPath symbol table (a few hundred functions).
            FhirPathCompiler = new FhirPathCompiler(new SymbolTable().AddStandardFP().AddFhirExtensions()),
        };
        return new Validator(resolver, new LocalTerminologyService(resolver), referenceResolver: null, settings);
    }

    /// <summary>The validator's issues for a resource of a type the hub has a profile for; none for other types.</summary>
    public async ValueTask<IReadOnlyList<Issue>> ValidateAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return HubProfiles.For(resource.TypeName) is { } profile ? await ValidateAsync(resource, profile, cancellationToken) : [];
    }

    /// <summary>
    /// The validator's issues for a resource against one of the hub's profiles, on a pooled instance no other thread
    /// uses meanwhile (CI once saw two validations loading <c>string</c> at once answer 422, "Index was out of range",
    /// for a Consent that conforms). A validation that arrives during the warm-up waits for it; one that finds every
    /// instance busy waits for the first to be free, and lets the pool grow.
    /// </summary>
    public async ValueTask<IReadOnlyList<Issue>> ValidateAsync(Resource resource, string profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await WarmUpAsync().WaitAsync(cancellationToken);
        if (!idle.Reader.TryRead(out var validator))
        {
            Grow();
            validator = await idle.Reader.ReadAsync(cancellationToken);
        }

        try
        {
            return validator.Validate(resource, profile).Issue;
        }
        finally
        {
            idle.Writer.TryWrite(validator);
        }
    }

    /// <summary>
    /// Throws a 422 <see cref="FhirInputException"/> carrying the validator's issues when any resource breaks its
    /// profile. <c>PathInRequest</c> (e.g. <c>Bundle.entry[1].resource</c>) makes the issues' expressions point into
    /// the request body; null for a resource that is the whole body.
    /// </summary>
    public Task EnsureConformAsync(IEnumerable<(Resource Resource, string? PathInRequest)> inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return EnsureConformAsync(inbound.Select(item => (item.Resource, item.PathInRequest, HubProfiles.For(item.Resource.TypeName))), cancellationToken);
    }

    /// <summary>The same for a resource that is the whole body, checked against the named profile.</summary>
    public Task EnsureConformAsync(Resource resource, string profile, CancellationToken cancellationToken) =>
        EnsureConformAsync([(resource, null, profile)], cancellationToken);

    private async Task EnsureConformAsync(IEnumerable<(Resource Resource, string? PathInRequest, string? Profile)> inbound, CancellationToken cancellationToken)
    {
        var failures = new List<(Resource Resource, string? PathInRequest, string Profile, IReadOnlyList<Issue> Issues)>();
        foreach (var (resource, pathInRequest, profile) in inbound)
        {
            if (profile is null)
            {
                continue;
            }

            var issues = await ValidateAsync(resource, profile, cancellationToken);
            if (issues.Any(IsError))
            {
                failures.Add((resource, pathInRequest, profile, issues));
            }
        }

        if (failures.Count == 0)
        {
            return;
        }

        var reported = failures
            .SelectMany(failure => failure.Issues.Select(issue => InRequest(issue, failure.Resource.TypeName, failure.PathInRequest)))
            .OrderBy(issue => IsError(issue) ? 0 : 1)
            .Take(MaxReportedIssues)
            .ToList();
        var (first, path, firstProfile, _) = failures[0];
        var message = failures.Count > 1
            ? $"{failures.Count} resources do not conform to the hub's profiles; the request changed nothing."
            : $"The {first.TypeName}{(path is null ? "" : $" at {path}")} does not conform to the profile {firstProfile}; the request changed nothing.";
        throw new FhirInputException(422, message) { IssueCode = "invalid", Issues = reported };
    }

    private static bool IsError(Issue issue) => issue.Severity is IssueSeverity.Error or IssueSeverity.Fatal;

    /// <summary>The issue with its expressions moved from the resource (<c>Consent.patient</c>) into the request body.</summary>
    private static Issue InRequest(Issue issue, string resourceType, string? pathInRequest)
    {
        if (pathInRequest is null)
        {
            return issue;
        }

        var moved = (Issue)issue.DeepCopy();
        moved.Expression = [.. issue.Expression.Select(Move)];
        return moved;

        string? Move(string? expression) =>
            expression == resourceType ? pathInRequest
            : expression?.StartsWith($"{resourceType}.", StringComparison.Ordinal) == true ? $"{pathInRequest}{expression[resourceType.Length..]}"
            : expression;
    }
}
