using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ReferralHub.Web.Layout;

/// <summary>A one-time confirmation shown on the next page (the resource key only: never personal data in a cookie).</summary>
public static class Notice
{
    public const string Key = "notice";

    public static void Show(this ITempDataDictionary tempData, string resourceKey)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        tempData[Key] = resourceKey;
    }
}
