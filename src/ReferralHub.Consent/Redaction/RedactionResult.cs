using Hl7.Fhir.Model;

namespace ReferralHub.Consent.Redaction;

/// <summary>What <see cref="Redactor.Redact"/> produced.</summary>
/// <param name="Resource">The recipient's view; null when the whole resource is withheld.</param>
/// <param name="DataClasses">The data classes whose data the view actually contains, in CodeSystem order.</param>
/// <param name="Redacted">True when something present in the source was withheld (the whole resource included).</param>
public sealed record RedactionResult(Resource? Resource, IReadOnlyList<string> DataClasses, bool Redacted);
