using Hl7.Fhir.Model;

namespace ReferralHub.Gateway.Directory.Hsds;

/// <summary>
/// An HSDS import updates only what HSDS carries: an entry already in the directory keeps its other FHIR elements
/// (an Organization's address and identifiers, a service's telecom…), so re-importing a hub's own export changes nothing.
/// </summary>
public static class HsdsMerge
{
    public static Organization Into(Organization stored, Organization imported)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(imported);
        var merged = (Organization)stored.DeepCopy();
        merged.Meta = null;
        merged.Name = imported.Name;
        merged.Active = imported.Active;
        if (imported.Type.Count > 0)
        {
            merged.Type = imported.Type;
        }

        return merged;
    }

    public static HealthcareService Into(HealthcareService stored, HealthcareService imported)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(imported);
        var merged = (HealthcareService)stored.DeepCopy();
        merged.Meta = null;
        merged.Name = imported.Name;
        merged.Comment = imported.Comment;
        merged.Active = imported.Active;
        merged.ProvidedBy = imported.ProvidedBy;
        merged.Category = imported.Category;
        merged.Communication = imported.Communication;
        var oldArea = DirectoryEntry.CoverageOf(stored)?.Id;
        var newArea = DirectoryEntry.CoverageOf(imported);
        merged.Contained = [.. merged.Contained.Where(r => r.Id != oldArea && r.Id != newArea?.Id), .. newArea is null ? [] : new[] { newArea }];
        merged.CoverageArea = imported.CoverageArea;
        merged.Extension.RemoveAll(e => e.Url == DirectoryVocabulary.CapacityExtension);
        merged.Extension.AddRange(imported.Extension.Where(e => e.Url == DirectoryVocabulary.CapacityExtension));
        return merged;
    }
}
