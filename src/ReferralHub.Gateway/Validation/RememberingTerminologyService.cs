using System.Collections.Concurrent;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Terminology;

namespace ReferralHub.Gateway.Validation;

/// <summary>
/// Answers the validator's code checks from memory once the local terminology service has answered them. The validator
/// calls the service synchronously, blocking a thread-pool thread on each asynchronous answer: at the hub's rate that
/// blocking was a sixth of the CPU a submission costs. The hub's value sets are fixed while the process runs, so an
/// answer never changes; a bounded number are kept, so codes made up by a client cannot grow the memory without end.
/// </summary>
public sealed class RememberingTerminologyService(ICodeValidationTerminologyService inner) : ICodeValidationTerminologyService
{
    /// <summary>Far more than the hub's vocabulary and FHIR's required bindings it meets; beyond it, answers are not kept.</summary>
    public const int MaxRemembered = 20_000;

    private readonly ConcurrentDictionary<string, Parameters> answers = new(StringComparer.Ordinal);

    public Task<Parameters> ValueSetValidateCode(Parameters parameters, string? id = null, bool useGet = false) =>
        RememberAsync($"validate-code|{id}", parameters, () => inner.ValueSetValidateCode(parameters, id, useGet));

    public Task<Parameters> Subsumes(Parameters parameters, string? id = null, bool useGet = false) =>
        RememberAsync($"subsumes|{id}", parameters, () => inner.Subsumes(parameters, id, useGet));

    private Task<Parameters> RememberAsync(string operation, Parameters parameters, Func<Task<Parameters>> ask)
    {
        if (KeyOf(operation, parameters) is not { } key)
        {
            return ask();
        }

        return answers.TryGetValue(key, out var known) ? System.Threading.Tasks.Task.FromResult(known) : AskAndRememberAsync(key, ask);
    }

    private async Task<Parameters> AskAndRememberAsync(string key, Func<Task<Parameters>> ask)
    {
        var answer = await ask().ConfigureAwait(false);
        if (answers.Count < MaxRemembered)
        {
            answers.TryAdd(key, answer);
        }

        return answer;
    }

    /// <summary>Every input of the question, in order; null when one is of a kind this cannot spell out exactly.</summary>
    private static string? KeyOf(string operation, Parameters parameters)
    {
        var key = new StringBuilder(operation);
        foreach (var parameter in parameters.Parameter)
        {
            key.Append('\u001f').Append(parameter.Name).Append('=');
            switch (parameter.Value)
            {
                case null when parameter.Resource is null && parameter.Part.Count == 0:
                    break;
                case PrimitiveType primitive:
                    key.Append(primitive.JsonValue?.ToString());
                    break;
                case Coding coding:
                    Append(key, coding);
                    break;
                case CodeableConcept concept:
                    key.Append(concept.Text).Append('[');
                    foreach (var coding in concept.Coding)
                    {
                        Append(key, coding);
                    }

                    key.Append(']');
                    break;
                default:
                    return null;
            }
        }

        return key.ToString();
    }

    private static void Append(StringBuilder key, Coding coding) =>
        key.Append('(').Append(coding.System).Append('|').Append(coding.Version).Append('|').Append(coding.Code).Append('|').Append(coding.Display)
            .Append('|').Append(coding.UserSelected).Append(')');
}
