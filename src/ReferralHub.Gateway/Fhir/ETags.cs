namespace ReferralHub.Gateway.Fhir;

public static class ETags
{
    /// <summary>The version an <c>If-Match</c> header names (<c>W/"3"</c> or <c>"3"</c>); null when absent.</summary>
    public static int? ParseIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"');
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new FhirInputException(400, "If-Match must be a version ETag such as W/\"1\".");
    }

    public static void CheckIfMatch(int? expected, int current)
    {
        if (expected is { } version && version != current)
        {
            throw new FhirInputException(412, $"The resource has changed: If-Match names version {version}, the current version is {current}.");
        }
    }
}
