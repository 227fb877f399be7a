using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralHub.DirectoryTool;

/// <summary>
/// <c>import</c>: the hub first checks the whole file (<c>?dryRun=true</c>: nothing is written if any record is wrong),
/// then it is sent in chunks — organisations before the services that name them — so the progress bar moves. Each
/// chunk is all-or-nothing; the import is an upsert by id, so running it again after an interruption finishes it.
/// </summary>
public static class DirectoryImport
{
    public static async Task<int> RunAsync(HubConnection hub, string file, int chunkSize, ProgressBar progress, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(output);
        var text = await File.ReadAllTextAsync(file);
        JsonObject document;
        try
        {
            document = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new HubRefusedException($"{file} is not an HSDS directory document: {e.Message}");
        }

        var organizations = Records(document, "organizations");
        var services = Records(document, "services");
        await hub.PostJsonAsync($"{DirectoryExport.Path}?dryRun=true", text);

        var chunks = organizations.Chunk(chunkSize).Select(c => (Organizations: c, Services: Array.Empty<JsonNode>()))
            .Concat(services.Chunk(chunkSize).Select(c => (Organizations: Array.Empty<JsonNode>(), Services: c)))
            .ToList();
        var total = organizations.Count + services.Count;
        var done = 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        progress.Show(done, total, "checked");
        foreach (var (chunkOrganizations, chunkServices) in chunks)
        {
            var chunk = new JsonObject
            {
                ["organizations"] = new JsonArray([.. chunkOrganizations.Select(n => n.DeepClone())]),
                ["services"] = new JsonArray([.. chunkServices.Select(n => n.DeepClone())]),
            };
            var answer = JsonNode.Parse(await hub.PostJsonAsync(DirectoryExport.Path, chunk.ToJsonString()))!;
            foreach (var part in new[] { "organizations", "services" })
            {
                foreach (var (kind, value) in answer[part]!.AsObject())
                {
                    counts[$"{part} {kind}"] = counts.GetValueOrDefault($"{part} {kind}") + value!.GetValue<int>();
                }
            }

            done += chunkOrganizations.Length + chunkServices.Length;
            progress.Show(done, total, chunkServices.Length > 0 ? "services" : "organizations");
        }

        await output.WriteLineAsync(string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}: {c.Value}"))));
        return 0;
    }

    private static List<JsonNode> Records(JsonObject document, string name) =>
        document[name] is JsonArray array ? array.OfType<JsonNode>().ToList() : throw new HubRefusedException($"The HSDS document has no '{name}' array.");
}
