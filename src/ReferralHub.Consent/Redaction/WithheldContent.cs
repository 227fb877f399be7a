using Hl7.Fhir.Model;

namespace ReferralHub.Consent.Redaction;

/// <summary>Tells whether a view lacks anything its source has.</summary>
internal static class WithheldContent
{
    /// <summary>
    /// A view holds only values copied from its source (or reduced, like a birth year), so any difference from the
    /// source is something withheld. <c>meta</c> is bookkeeping of the stored copy — never disclosed, never counted.
    /// Unknown content kept by a lenient parser is invisible to equality, so it is looked for separately.
    /// </summary>
    public static bool Any(Resource source, Resource view)
    {
        var comparable = (Resource)source.DeepCopy();
        comparable.Meta = null;
        return HasUnknownContent(source) || !comparable.IsExactly(view);
    }

    private static bool HasUnknownContent(Base node) =>
        node.HasOverflow || node.EnumerateElements().Any(element => element.Value switch
        {
            Base child => HasUnknownContent(child),
            IEnumerable<Base> children => children.Any(child => child is not null && HasUnknownContent(child)),
            _ => false,
        });
}
