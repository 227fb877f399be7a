using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ReferralHub.Web.Layout;

public static class ModelStateExtensions
{
    public static bool HasError(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}
