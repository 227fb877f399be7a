namespace ReferralHub.Identity.People;

/// <summary>
/// The sign-in page's words in the hub's three languages. <see cref="Refused"/> answers a wrong password, an unknown
/// name and a locked account alike, so the page never tells whether an account exists or is locked.
/// </summary>
public sealed record LoginStrings(string Language, string Title, string Intro, string UserName, string Password, string SignIn, string Refused, string Expired, string TooManyAttempts)
{
    public static readonly IReadOnlyList<LoginStrings> All =
    [
        new("en", "Sign in to ReferralHub", "Use the account your organisation gave you.", "User name", "Password", "Sign in",
            "Sign-in failed: check the user name and the password. After five wrong passwords an account is locked for 15 minutes.",
            "The form expired. Please try again.", "Too many sign-in attempts. Please wait a moment, then try again."),
        new("it", "Accedi a ReferralHub", "Usa l'account che ti ha dato la tua organizzazione.", "Nome utente", "Password", "Accedi",
            "Accesso non riuscito: controlla il nome utente e la password. Dopo cinque password errate l'account viene bloccato per 15 minuti.",
            "Il modulo è scaduto. Riprova.", "Troppi tentativi di accesso. Attendi un momento, poi riprova."),
        new("fr", "Se connecter à ReferralHub", "Utilisez le compte que votre organisation vous a donné.", "Nom d'utilisateur", "Mot de passe", "Se connecter",
            "La connexion a échoué : vérifiez le nom d'utilisateur et le mot de passe. Après cinq mots de passe erronés, le compte est bloqué pendant 15 minutes.",
            "Le formulaire a expiré. Veuillez réessayer.", "Trop de tentatives de connexion. Patientez un moment, puis réessayez."),
    ];

    /// <summary>The first of the preferred languages the page speaks, else English.</summary>
    public static LoginStrings For(IEnumerable<string> preferred) =>
        preferred.Select(p => All.FirstOrDefault(s => p.StartsWith(s.Language, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(s => s is not null) ?? All[0];
}
