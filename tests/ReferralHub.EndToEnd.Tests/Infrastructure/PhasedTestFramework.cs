using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("ReferralHub.EndToEnd.Tests.Infrastructure.PhasedTestFramework", "ReferralHub.EndToEnd.Tests")]

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// xUnit's own framework with one more phase: the collections whose definition is marked
/// <see cref="RunsAfterTheOthersAttribute"/> start once every other collection has finished, and run side by side with
/// each other. xUnit alone runs a collection either beside all the others or after them and one at a time; the suite's
/// last classes are of two kinds that share the machine well: the property test keeps the cores busy, while the
/// classes that race a clock of their own or start many processes mostly wait.
/// </summary>
public sealed class PhasedTestFramework(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task<RunSummary> RunTestCollectionsAsync(IMessageBus messageBus, CancellationTokenSource cancellationTokenSource)
        {
            var all = TestCases.ToList();
            var summary = new RunSummary();
            foreach (var phase in all.GroupBy(RunsAfterTheOthers).OrderBy(phase => phase.Key))
            {
                TestCases = [.. phase];
                summary.Aggregate(await base.RunTestCollectionsAsync(messageBus, cancellationTokenSource));
            }

            TestCases = all;
            return summary;
        }

        private static bool RunsAfterTheOthers(IXunitTestCase testCase) =>
            testCase.TestMethod.TestClass.TestCollection.CollectionDefinition?.GetCustomAttributes(typeof(RunsAfterTheOthersAttribute)).Any() == true;
    }
}

/// <summary>Marks a collection definition whose classes start once all the unmarked collections have finished.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RunsAfterTheOthersAttribute : Attribute;
