using Hl7.Fhir.Model;

namespace ReferralHub.Gateway.Fhir;

/// <summary>Finds and parses the references inside a resource.</summary>
public static class FhirReferences
{
    public static IEnumerable<ResourceReference> All(Base element)
    {
        foreach (var child in Children(element))
        {
            if (child is ResourceReference reference)
            {
                yield return reference;
            }

            if (child is not PrimitiveType)
            {
                foreach (var nested in All(child))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<Base> Children(Base element)
    {
        foreach (var (_, value) in element.EnumerateElements())
        {
            switch (value)
            {
                case Base single:
                    yield return single;
                    break;
                case IEnumerable<Base> list:
                    foreach (var item in list)
                    {
                        yield return item;
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
