using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// Which rows of a kind are sealed under a survivor's data key: those whose survivor column (declared once, in the
/// model) names her. Destroying her key then shreds them wherever a copy lingers: dead tuples, freed pages, a file
/// copied after the erasure. A row whose column is empty, and a kind with none (the record of a referral, which
/// outlives her erasure), is sealed under the key-encryption key.
/// </summary>
public static class SurvivorSealing
{
    private const string Annotation = "ReferralHub:SealedUnderSurvivorKey";

    public static EntityTypeBuilder<TRow> IsSealedUnderSurvivorKey<TRow>(this EntityTypeBuilder<TRow> builder, Expression<Func<TRow, string?>> survivor)
        where TRow : class, ISealedAtRest
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(Annotation, builder.Property(survivor).Metadata.Name);
        return builder;
    }

    /// <summary>The column of this kind that names the survivor whose key seals a row, if the kind has one.</summary>
    public static string? SurvivorColumn(IReadOnlyEntityType kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.FindAnnotation(Annotation)?.Value as string;
    }

    /// <summary>The survivor whose key seals <paramref name="row"/>, or null for the key-encryption key.</summary>
    public static string? SurvivorOf(IEntityType kind, object row) =>
        SurvivorColumn(kind) is { } column ? kind.FindProperty(column)!.GetGetter().GetClrValue(row) as string : null;
}
