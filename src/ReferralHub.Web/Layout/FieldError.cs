namespace ReferralHub.Web.Layout;

/// <summary>The model-state key of a field and the id its error message gets (for aria-describedby).</summary>
public sealed record FieldError(string Key, string ElementId);
