using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using ReferralHub.Web.Layout;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Fhir;

/// <summary>
/// A refusal of the FHIR API that a page did not handle itself becomes a calm, translated explanation (never the
/// hub's own diagnostics, which are for developers); an expired or rejected token signs the person in again.
/// </summary>
public sealed class HubApiErrorFilter(ITempDataDictionaryFactory tempData) : IAsyncPageFilter
{
    public const string ProblemView = "/Layout/Problem.cshtml";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is not HubApiException refusal || executed.ExceptionHandled)
        {
            return;
        }

        executed.ExceptionHandled = true;
        if (refusal.Status == HttpStatusCode.Unauthorized)
        {
            executed.Result = new ChallengeResult(WebAuthentication.OidcScheme);
            return;
        }

        executed.HttpContext.Response.StatusCode = (int)refusal.Status;
        executed.Result = new ViewResult
        {
            ViewName = ProblemView,
            ViewData = new ViewDataDictionary<Problem>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = Problem.For(refusal.Status) },
            TempData = tempData.GetTempData(executed.HttpContext),
        };
    }
}
