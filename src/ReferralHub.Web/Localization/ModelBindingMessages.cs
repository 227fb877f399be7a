using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ReferralHub.Web.Localization;

/// <summary>Model binding's own messages (a date that is not a date, a missing value) in the person's language.</summary>
public static class ModelBindingMessages
{
    public static IServiceCollection AddTranslatedModelBindingMessages(this IServiceCollection services)
    {
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((mvc, factory) =>
        {
            var text = factory.Create(typeof(Text));
            var messages = mvc.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => text["Form.ValueInvalid", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["Form.ValueInvalid", value]);
            messages.SetUnknownValueIsInvalidAccessor(_ => text["Form.ValueInvalid", string.Empty]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Form.ValueInvalid", string.Empty]);
            messages.SetValueIsInvalidAccessor(value => text["Form.ValueInvalid", value]);
            messages.SetValueMustNotBeNullAccessor(_ => text["Form.ValueRequired"]);
            messages.SetMissingBindRequiredValueAccessor(_ => text["Form.ValueRequired"]);
            messages.SetMissingKeyOrValueAccessor(() => text["Form.ValueRequired"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Form.ValueRequired"]);
            messages.SetValueMustBeANumberAccessor(_ => text["Form.ValueInvalid", string.Empty]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Form.ValueInvalid", string.Empty]);
        });
        return services;
    }
}
