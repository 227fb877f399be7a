namespace ReferralHub.Web.Localization;

/// <summary>
/// The web application's strings: <c>Text.resx</c> (English, the neutral resources), <c>Text.it.resx</c> and
/// <c>Text.fr.resx</c>. Every visible string comes from here.
/// </summary>
public sealed class Text
{
    private Text()
    {
    }
}
