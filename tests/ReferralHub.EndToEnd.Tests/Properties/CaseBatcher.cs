using System.Threading.Channels;

namespace ReferralHub.EndToEnd.Tests.Properties;

/// <summary>
/// Lets CsCheck check one case at a time while the hub gets them in batches: each case waits in a queue until a batch
/// is full, or until no other case has arrived for a moment (the end of the run, and shrinking, where only smaller
/// cases run); then the whole batch runs and each case gets its own verdict. The moment only decides how cases are
/// grouped, never what a case is judged on.
/// </summary>
public sealed class CaseBatcher(Func<IReadOnlyList<CaseInstance>, Task<IReadOnlyDictionary<CaseInstance, IReadOnlyList<string>>>> runBatch, int batchSize)
{
    private static readonly TimeSpan Straggle = TimeSpan.FromMilliseconds(200);

    private readonly Channel<(CaseInstance Instance, TaskCompletionSource<IReadOnlyList<string>> Verdict)> queue =
        Channel.CreateUnbounded<(CaseInstance, TaskCompletionSource<IReadOnlyList<string>>)>();

    /// <summary>The case's failures once its batch has run (none: it passed).</summary>
    public Task<IReadOnlyList<string>> CheckAsync(CaseInstance instance)
    {
        var verdict = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Writer.TryWrite((instance, verdict));
        return verdict.Task;
    }

    public void Complete() => queue.Writer.Complete();

    /// <summary>Runs batches until <see cref="Complete"/> and the queue is empty.</summary>
    public async Task RunAsync()
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            var batch = await NextBatchAsync();
            try
            {
                var verdicts = await runBatch(batch.Select(item => item.Instance).ToList());
                foreach (var (instance, verdict) in batch)
                {
                    verdict.SetResult(verdicts[instance]);
                }
            }
            catch (Exception failure)
            {
                foreach (var (_, verdict) in batch)
                {
                    verdict.SetException(failure);
                }
            }
        }
    }

    private async Task<List<(CaseInstance Instance, TaskCompletionSource<IReadOnlyList<string>> Verdict)>> NextBatchAsync()
    {
        var batch = new List<(CaseInstance, TaskCompletionSource<IReadOnlyList<string>>)>();
        while (batch.Count < batchSize)
        {
            if (queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
                continue;
            }

            using var straggle = new CancellationTokenSource(Straggle);
            try
            {
                if (!await queue.Reader.WaitToReadAsync(straggle.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return batch;
    }
}
