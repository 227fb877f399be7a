using Microsoft.Playwright;
using ReferralHub.Web.Tests.Infrastructure;

namespace ReferralHub.Web.Tests.Journey;

/// <summary>What the journey saw besides its own assertions: accessibility, every URL requested, pages' headers, cookies.</summary>
public sealed class JourneyRecord
{
    private readonly List<string> urls = [];
    private readonly List<(string Url, IReadOnlyDictionary<string, string> Headers)> pages = [];

    public AccessibilityRecord Accessibility { get; } = new();

    public IReadOnlyList<string> Urls => urls;

    /// <summary>The web application's HTML pages (under /app) and their response headers.</summary>
    public IReadOnlyList<(string Url, IReadOnlyDictionary<string, string> Headers)> Pages => pages;

    public IReadOnlyList<BrowserContextCookiesResult> SessionCookies { get; set; } = [];

    /// <summary>The survivor's name and phone number as entered: they must never appear in a URL.</summary>
    public IReadOnlyList<string> PersonalData { get; set; } = [];

    /// <summary>Records the requests and page responses of a person's session.</summary>
    public void Watch(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Request += (_, request) =>
        {
            lock (urls)
            {
                urls.Add(request.Url);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && new Uri(response.Url).AbsolutePath.StartsWith("/app", StringComparison.Ordinal))
            {
                lock (pages)
                {
                    pages.Add((response.Url, response.Headers));
                }
            }
        };
    }
}
