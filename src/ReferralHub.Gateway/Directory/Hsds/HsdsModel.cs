using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralHub.Gateway.Directory.Hsds;

// Open Referral HSDS 3.0 objects, with the specification's field names (schema/*.json of openreferral/specification),
// restricted to the fields the hub's directory fills. Properties are written in snake_case, nulls left out.

/// <summary>The exchange document of <c>/directory/hsds</c>: every organisation and every service, each sorted by id.</summary>
public sealed record HsdsDirectory(IReadOnlyList<HsdsOrganization> Organizations, IReadOnlyList<HsdsService> Services)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        // Names of places and languages stay readable; the document is JSON, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}

/// <summary>HSDS <c>organization</c> (required: id, name, description).</summary>
public sealed record HsdsOrganization(string Id, string Name, string Description, IReadOnlyList<HsdsAttribute>? Attributes = null);

/// <summary>HSDS <c>service</c> (required: id, name, status) with its languages, service areas and attributes nested.</summary>
public sealed record HsdsService(
    string Id,
    string? OrganizationId,
    string Name,
    string Status,
    string? Description = null,
    IReadOnlyList<HsdsLanguage>? Languages = null,
    IReadOnlyList<HsdsServiceArea>? ServiceAreas = null,
    IReadOnlyList<HsdsAttribute>? Attributes = null);

/// <summary>HSDS <c>language</c>: <c>code</c> is an ISO 639-1 or 639-3 code.</summary>
public sealed record HsdsLanguage(string Id, string? ServiceId, string? Name, string? Code);

/// <summary>HSDS <c>service_area</c>: <c>uri</c> is "a URI which acts as a persistent identifier to identify an area".</summary>
public sealed record HsdsServiceArea(string Id, string? ServiceId, string? Name, string? Uri);

/// <summary>HSDS <c>attribute</c>: links an object (<c>link_id</c>, <c>link_entity</c>) to a taxonomy term.</summary>
public sealed record HsdsAttribute(
    string Id,
    string? LinkId,
    string? TaxonomyTermId,
    string? LinkType,
    string? LinkEntity,
    string? Value = null,
    HsdsTaxonomyTerm? TaxonomyTerm = null);

/// <summary>HSDS <c>taxonomy_term</c> (required: id, name, description); <c>taxonomy</c> names the code system by URI.</summary>
public sealed record HsdsTaxonomyTerm(string Id, string? Code, string Name, string Description, string? Taxonomy);
