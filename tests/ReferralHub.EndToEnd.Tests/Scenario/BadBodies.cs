using System.Text;

namespace ReferralHub.EndToEnd.Tests.Scenario;

/// <summary>Request bodies for the bad-input tests, each carrying a unique canary so that "nothing stored" can be checked.</summary>
public static class BadBodies
{
    public static string NewCanary(string what) => $"CANARY-{what}-{Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>A well-formed Patient whose family name is the canary.</summary>
    public static string Patient(string canary) =>
        $$"""{"resourceType":"Patient","name":[{"family":"{{canary}}"}],"gender":"female"}""";

    /// <summary>A Patient cut off in the middle: not JSON.</summary>
    public static string Malformed(string canary) =>
        $$"""{"resourceType":"Patient","name":[{"family":"{{canary}}","given":["A"]""";

    /// <summary>Well-formed JSON, but not valid FHIR: the gender is not a code of the required value set.</summary>
    public static string InvalidGender(string canary) =>
        $$"""{"resourceType":"Patient","name":[{"family":"{{canary}}-NAME"}],"gender":"{{canary}}"}""";

    /// <summary>A Patient padded to <paramref name="bytes"/> bytes with one huge given name.</summary>
    public static byte[] Huge(string canary, int bytes)
    {
        var head = Encoding.UTF8.GetBytes("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + canary + "\",\"given\":[\"");
        var tail = Encoding.UTF8.GetBytes("\"]}]}");
        var body = new byte[bytes];
        head.CopyTo(body, 0);
        body.AsSpan(head.Length, bytes - head.Length - tail.Length).Fill((byte)'A');
        tail.CopyTo(body, bytes - tail.Length);
        return body;
    }

    /// <summary>A Patient with extensions nested <paramref name="depth"/> deep (twice that in JSON nesting).</summary>
    public static string Nested(string canary, int depth)
    {
        var text = new StringBuilder();
        text.Append($$"""{"resourceType":"Patient","name":[{"family":"{{canary}}"}],"extension":[""");
        for (var level = 0; level < depth; level++)
        {
            text.Append("""{"url":"http://example.org/fhir/StructureDefinition/nested","extension":[""");
        }

        text.Append("""{"url":"http://example.org/fhir/StructureDefinition/leaf","valueString":"leaf"}""");
        for (var level = 0; level < depth; level++)
        {
            text.Append("]}");
        }

        text.Append("]}");
        return text.ToString();
    }
}
