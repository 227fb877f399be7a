using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Layout;

namespace ReferralHub.Web.Security;

/// <summary>Refuses a page or a form whose <see cref="RequiresAttribute"/> the person's roles do not meet, with the 403 page.</summary>
public sealed class RolesMatrixFilter(ITempDataDictionaryFactory tempData) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var required = context.HandlerInstance.GetType().GetCustomAttributes<RequiresAttribute>()
            .Concat(context.HandlerMethod?.MethodInfo.GetCustomAttributes<RequiresAttribute>() ?? [])
            .SelectMany(attribute => attribute.Capabilities);
        if (required.All(context.HttpContext.User.May))
        {
            await next();
            return;
        }

        context.HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Result = new ViewResult
        {
            ViewName = HubApiErrorFilter.ProblemView,
            ViewData = new ViewDataDictionary<Problem>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = Problem.NotYourRole },
            TempData = tempData.GetTempData(context.HttpContext),
        };
    }
}
