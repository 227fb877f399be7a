using System.Net;

namespace ReferralHub.Web.Layout;

/// <summary>What went wrong, as resource keys of a title and an explanation.</summary>
public sealed record Problem(string TitleKey, string MessageKey)
{
    /// <summary>The person's roles do not allow this page or action (the roles matrix).</summary>
    public static readonly Problem NotYourRole = new("Problem.Role.Title", "Problem.Role.Message");

    public static Problem For(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => new("Problem.NotFound.Title", "Problem.NotFound.Message"),
        HttpStatusCode.Forbidden => new("Problem.Forbidden.Title", "Problem.Forbidden.Message"),
        HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed => new("Problem.Conflict.Title", "Problem.Conflict.Message"),
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new("Problem.Refused.Title", "Problem.Refused.Message"),
        _ => new("Problem.Unavailable.Title", "Problem.Unavailable.Message"),
    };
}
