namespace ReferralHub.Identity.People;

/// <summary>The sign-in page's words in the hub's three languages.</summary>
public sealed record LoginStrings(string Language, string Title, string Intro, string UserName, string Password, string SignIn, string Refused, string Locked, string Expired)
{
    public static readonly IReadOnlyList<LoginStrings> All =
    [
        new("en", "Sign in to ReferralHub", "Use the account your organisation gave you.", "User name", "Password", "Sign in",
            "The user name or the password is not right.", "Too many attempts. The account is locked for 15 minutes.", "The form expired. Please try again."),
        new("it", "Accedi a ReferralHub", "Usa l'account che ti ha dato la tua organizzazione.", "Nome utente", "Password", "Accedi",
            "Il nome utente o la password non sono corretti.", "Troppi tentativi. L'account è bloccato per 15 minuti.", "Il modulo è scaduto. Riprova."),
        new("fr", "Se connecter à ReferralHub", "Utilisez le compte que votre organisation vous a donné.", "Nom d'utilisateur", "Mot de passe", "Se connecter",
            "Le nom d'utilisateur ou le mot de passe est incorrect.", "Trop de tentatives. Le compte est bloqué pendant 15 minutes.", "Le formulaire a expiré. Veuillez réessayer."),
    ];

    /// <summary>The first of the preferred languages the page speaks, else English.</summary>
    public static LoginStrings For(IEnumerable<string> preferred) =>
        preferred.Select(p => All.FirstOrDefault(s => p.StartsWith(s.Language, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(s => s is not null) ?? All[0];
}
