using System.Diagnostics;

namespace ReferralHub.EndToEnd.Tests.Properties;

public enum Phase
{
    Submission,
    Delivery,
    RecipientReads,
    CustodianReads,
}

/// <summary>Time spent per phase, summed over the batches.</summary>
public sealed class PhaseTimes
{
    private readonly long[] milliseconds = new long[Enum.GetValues<Phase>().Length];

    /// <summary>Adds the stopwatch's time to the phase and restarts it.</summary>
    public void Add(Phase phase, Stopwatch clock)
    {
        Interlocked.Add(ref milliseconds[(int)phase], clock.ElapsedMilliseconds);
        clock.Restart();
    }

    public override string ToString() =>
        string.Join(", ", Enum.GetValues<Phase>().Select(phase => $"{phase} {milliseconds[(int)phase] / 1000.0:0.0} s"));
}

/// <summary>Counts, over the accepted cases, of what the per-resource checks saw.</summary>
public sealed class Coverage
{
    private int patientsWhole;
    private int patientsRedacted;
    private int requestsWhole;
    private int requestsRedacted;
    private int observationsDisclosed;
    private int observationsWithheld;

    public void Count(IEnumerable<DisclosureExpectation> accepted)
    {
        foreach (var expected in accepted)
        {
            Interlocked.Increment(ref expected.Withheld("Patient") ? ref patientsRedacted : ref patientsWhole);
            Interlocked.Increment(ref expected.Withheld("ServiceRequest") ? ref requestsRedacted : ref requestsWhole);
            for (var index = 0; index < expected.Instance.Shape.Observations.Count; index++)
            {
                Interlocked.Increment(ref expected.ObservationDisclosed(index) ? ref observationsDisclosed : ref observationsWithheld);
            }
        }
    }

    public override string ToString() =>
        $"Patients whole/redacted {patientsWhole}/{patientsRedacted}, ServiceRequests whole/redacted {requestsWhole}/{requestsRedacted}, "
        + $"Observations disclosed/withheld {observationsDisclosed}/{observationsWithheld}";
}
