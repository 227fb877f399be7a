using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>One log call as the hub made it: everything a log sink could write out.</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyList<string> StateValues, IReadOnlyList<string> ScopeValues)
{
    /// <summary>All the text of this entry, as any sink (console, file, OTLP) could render it.</summary>
    public string Text => field ??= Render();

    private string Render()
    {
        var text = new StringBuilder();
        text.Append(Category).Append(' ').Append(Level).Append(' ').AppendLine(Message);
        foreach (var value in StateValues)
        {
            text.AppendLine(value);
        }

        foreach (var value in ScopeValues)
        {
            text.AppendLine(value);
        }

        if (Exception is not null)
        {
            text.AppendLine(Exception);
        }

        return text.ToString();
    }
}

/// <summary>
/// Every log message of one hub process, kept in memory for the log-privacy test. Identical entries (polling loops
/// log the same text many times) are kept once, with the total counted.
/// </summary>
public sealed class CapturedLogs
{
    private readonly ConcurrentDictionary<string, CapturedLogEntry> distinct = new();
    private long total;

    /// <summary>The distinct entries.</summary>
    public IReadOnlyCollection<CapturedLogEntry> Entries => distinct.Values.ToArray();

    /// <summary>How many log calls were captured in all.</summary>
    public long Total => Interlocked.Read(ref total);

    /// <summary>
    /// Whether distinct entries are kept for <see cref="Entries"/> (the default). A long run, which logs millions of
    /// distinct lines, turns it off and searches each call as it is made through <see cref="Logged"/>.
    /// </summary>
    public bool Retain { get; set; } = true;

    /// <summary>Raised for every log call, as it is made.</summary>
    public event Action<CapturedLogEntry>? Logged;

    public void Add(CapturedLogEntry entry)
    {
        Interlocked.Increment(ref total);
        Logged?.Invoke(entry);
        if (Retain)
        {
            distinct.TryAdd(entry.Text, entry);
        }
    }
}

/// <summary>An <see cref="ILoggerProvider"/> that records the formatted message, the exception, the structured state and the scopes.</summary>
[ProviderAlias("EndToEndCapture")]
public sealed class CapturingLoggerProvider(CapturedLogs sink) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink, () => scopes);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, CapturedLogs sink, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var stateValues = new List<string>();
            Describe(state, stateValues);
            var scopeValues = new List<string>();
            scopes().ForEachScope((scope, values) => Describe(scope, values), scopeValues);
            sink.Add(new CapturedLogEntry(category, logLevel, formatter(state, exception), exception?.ToString(), stateValues, scopeValues));
        }

        private static void Describe(object? value, List<string> into)
        {
            if (value is null)
            {
                return;
            }

            if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, item) in pairs)
                {
                    into.Add($"{key}={Render(item)}");
                }
            }

            into.Add(Render(value));
        }

        private static string Render(object? value) => value switch
        {
            null => string.Empty,
            string text => text,
            System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object?>().Select(item => item?.ToString())),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
