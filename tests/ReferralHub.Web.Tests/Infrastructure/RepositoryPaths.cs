using System.Reflection;

namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>Folders of the repository the tests read from or write to.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value ?? throw new InvalidOperationException("RepositoryRoot is not set.");

    /// <summary>docs/screenshots: the journey's pictures, which the README shows.</summary>
    public static string Screenshots => Path.Combine(Root, "docs", "screenshots");

    public static string WebLocalization => Path.Combine(Root, "src", "ReferralHub.Web", "Localization");
}
