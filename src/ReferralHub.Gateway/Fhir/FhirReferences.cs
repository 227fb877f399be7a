using Hl7.Fhir.Model;

namespace ReferralHub.Gateway.Fhir;

/// <summary>Finds and parses the references inside a resource.</summary>
public static class FhirReferences
{
    public static IEnumerable<ResourceReference> All(Base element) => Located(element, string.Empty).Select(found => found.Reference);

    /// <summary>Every reference with its location under <paramref name="path"/>, FHIRPath style (<c>ServiceRequest.supportingInfo[0]</c>).</summary>
    public static IEnumerable<(string Path, ResourceReference Reference)> Located(Base element, string path)
    {
        ArgumentNullException.ThrowIfNull(element);
        foreach (var (childPath, child) in Children(element, path))
        {
            if (child is ResourceReference reference)
            {
                yield return (childPath, reference);
            }

            if (child is not PrimitiveType)
            {
                foreach (var nested in Located(child, childPath))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<(string Path, Base Child)> Children(Base element, string path)
    {
        foreach (var (name, value) in element.EnumerateElements())
        {
            switch (value)
            {
                case Base single:
                    yield return ($"{path}.{name}", single);
                    break;
                case IEnumerable<Base> list:
                    var index = 0;
                    foreach (var item in list)
                    {
                        yield return ($"{path}.{name}[{index++}]", item);
                    }

                    break;
            }
        }
    }

    /// <summary>Splits a relative literal reference <c>Type/id</c>; null for anything else.</summary>
    public static (string Type, string Id)? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var parts = reference.Split('/');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 && char.IsUpper(parts[0][0])
            ? (parts[0], parts[1])
            : null;
    }

    public static string? IdOf(ResourceReference? reference, string type) =>
        Parse(reference?.Reference) is { } parsed && parsed.Type == type ? parsed.Id : null;
}
