using System.Text;
using System.Xml;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Resource = Hl7.Fhir.Model.Resource;

namespace ReferralHub.Gateway.Validation;

/// <summary>
/// The core R4 definitions (the bundles of Firely's specification.zip), each read from where its entry starts. Firely's
/// own source finds a bundle entry by parsing its file from the beginning on every load, some 20 MB for a resource's
/// definition: reading the definitions a validator needs was about a third of a Gateway's start. This source parses
/// each file once, to note where every entry begins, and then reads only that entry.
/// </summary>
public sealed class CoreSpecification : IAsyncResourceResolver
{
    private const string FhirNamespace = "http://hl7.org/fhir";

    /// <summary>The one index of the process: the files do not change while it runs, and every validator reads them.</summary>
    public static CoreSpecification Shared { get; } = new();

    private readonly Lazy<Index> index = new(() => Index.Build(ZipSource.CreateValidationSource()));

    private CoreSpecification()
    {
    }

    /// <summary>The canonical url of every definition the index found.</summary>
    internal IEnumerable<string> CanonicalUrls => index.Value.ByCanonical.Keys;

    public Task<Resource?> ResolveByCanonicalUriAsync(string uri)
    {
        var (url, version) = SplitCanonical(uri);
        return Task.FromResult(index.Value.ByCanonical.TryGetValue(url, out var entry) && (version is null || version == entry.Version)
            ? Load(entry)
            : null);
    }

    public Task<Resource?> ResolveByUriAsync(string uri) =>
        Task.FromResult(index.Value.ByFullUrl.TryGetValue(uri, out var entry) ? Load(entry) : null);

    private static (string Url, string? Version) SplitCanonical(string uri)
    {
        var bar = uri.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (uri, null) : (uri[..bar], uri[(bar + 1)..]);
    }

    private static Resource Load(Entry entry)
    {
        using var file = new FileStream(entry.File, FileMode.Open, FileAccess.Read, FileShare.Read, 16 * 1024, FileOptions.RandomAccess);
        file.Seek(entry.Offset, SeekOrigin.Begin);
        var names = new NameTable();
        var namespaces = new XmlNamespaceManager(names);
        namespaces.AddNamespace(string.Empty, FhirNamespace);
        var context = new XmlParserContext(names, namespaces, null, XmlSpace.None, Encoding.UTF8);
        using var reader = XmlReader.Create(file, FragmentSettings, context);
        if (!reader.ReadToFollowing("resource", FhirNamespace) || !reader.ReadToDescendant(entry.ResourceType, FhirNamespace))
        {
            throw new InvalidDataException($"No {entry.ResourceType} at byte {entry.Offset} of {entry.File}.");
        }

        Deserializer.TryDeserializeResource(reader, out var resource, out _);
        return resource ?? throw new InvalidDataException($"No {entry.ResourceType} parses at byte {entry.Offset} of {entry.File}.");
    }

    private static readonly XmlReaderSettings FragmentSettings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>
    /// As Firely's own source reads them: the specification's definitions break a few of its rules (spaces around a
    /// mapping's value), which are not the hub's to enforce on them.
    /// </summary>
    private static readonly BaseFhirXmlDeserializer Deserializer = new FhirXmlDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Ostrich));

    private sealed record Entry(string File, long Offset, string ResourceType, string? Version);

    private sealed record Index(IReadOnlyDictionary<string, Entry> ByCanonical, IReadOnlyDictionary<string, Entry> ByFullUrl)
    {
        public static Index Build(ZipSource source)
        {
            source.Prepare();
            var folder = source.ExtractPath ?? throw new InvalidOperationException($"{source.ZipPath} was not extracted.");
            var byCanonical = new Dictionary<string, Entry>(StringComparer.Ordinal);
            var byFullUrl = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                foreach (var (fullUrl, canonical, entry) in EntriesOf(file))
                {
                    byFullUrl.TryAdd(fullUrl, entry);
                    if (canonical is not null)
                    {
                        byCanonical.TryAdd(canonical, entry);
                    }
                }
            }

            return new(byCanonical, byFullUrl);
        }

        /// <summary>
        /// Every entry of a bundle file, with the byte where its <c>&lt;entry&gt;</c> starts: its line's start (the
        /// files put each entry on a line of its own, indented with spaces) plus the column the reader reports.
        /// </summary>
        private static IEnumerable<(string FullUrl, string? Canonical, Entry Entry)> EntriesOf(string file)
        {
            var bytes = File.ReadAllBytes(file);
            var lineStarts = LineStarts(bytes);
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true });
            var lines = (IXmlLineInfo)reader;
            if (!reader.ReadToFollowing("Bundle", FhirNamespace) || !reader.ReadToDescendant("entry", FhirNamespace))
            {
                yield break;
            }

            do
            {
                var offset = lineStarts[lines.LineNumber - 1] + lines.LinePosition - 2;
                if (!bytes.AsSpan((int)offset).StartsWith("<entry"u8))
                {
                    throw new InvalidDataException($"The entry on line {lines.LineNumber} of {file} does not start where the reader reports.");
                }

                using var entryReader = reader.ReadSubtree();
                if (ReadEntry(entryReader) is ({ } fullUrl, var canonical, { } resourceType, var version))
                {
                    yield return (fullUrl, canonical, new Entry(file, offset, resourceType, version));
                }
            }
            while (reader.ReadToNextSibling("entry", FhirNamespace));
        }

        /// <summary>The entry's fullUrl, and its resource's type, url and version, read without building the resource.</summary>
        private static (string? FullUrl, string? Canonical, string? ResourceType, string? Version) ReadEntry(XmlReader entry)
        {
            string? fullUrl = null, canonical = null, resourceType = null, version = null;
            entry.Read(); // onto <entry>
            entry.Read(); // onto its first child
            while (!entry.EOF)
            {
                if (entry.NodeType != XmlNodeType.Element)
                {
                    entry.Read();
                    continue;
                }

                switch (entry.Depth, entry.LocalName)
                {
                    case (1, "fullUrl"):
                        fullUrl = entry.GetAttribute("value");
                        break;
                    case (2, _):
                        resourceType ??= entry.LocalName;
                        break;
                    case (3, "url"):
                        canonical = entry.GetAttribute("value");
                        break;
                    case (3, "version"):
                        version = entry.GetAttribute("value");
                        break;
                }

                // The resource's own elements are skipped whole: their descendants (a snapshot, a narrative) say nothing here.
                if (entry.Depth >= 3)
                {
                    entry.Skip();
                }
                else
                {
                    entry.Read();
                }
            }

            return (fullUrl, canonical, resourceType, version);
        }

        private static long[] LineStarts(byte[] bytes)
        {
            var starts = new List<long> { 0 };
            var rest = bytes.AsSpan();
            var consumed = 0L;
            for (var newline = rest.IndexOf((byte)'\n'); newline >= 0; newline = rest.IndexOf((byte)'\n'))
            {
                consumed += newline + 1;
                starts.Add(consumed);
                rest = rest[(newline + 1)..];
            }

            return [.. starts];
        }
    }
}
