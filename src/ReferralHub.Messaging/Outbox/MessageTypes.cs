using System.Text.Json;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.Messaging.Outbox;

/// <summary>Only the records of the contracts assembly travel between services.</summary>
internal static class MessageTypes
{
    private static readonly System.Reflection.Assembly ContractsAssembly = typeof(FhirPayload).Assembly;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static void EnsureContract(Type type)
    {
        if (type.Assembly != ContractsAssembly)
        {
            throw new InvalidOperationException($"{type.FullName} is not a message contract.");
        }
    }

    public static Type Resolve(string fullName) =>
        ContractsAssembly.GetType(fullName, throwOnError: false)
        ?? throw new InvalidOperationException($"Unknown message type '{fullName}'.");
}
