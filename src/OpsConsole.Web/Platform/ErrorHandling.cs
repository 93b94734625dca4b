using Microsoft.AspNetCore.Diagnostics;

namespace OpsConsole.Platform;

/// <summary>
/// Every API error is an RFC 7807 ProblemDetails without a stack trace; every page error is the friendly error page.
/// </summary>
public static class ErrorHandling
{
    public static IHostApplicationBuilder AddErrorHandling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.Remove("exception");
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        return builder;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (error is BadHttpRequestException badRequest)
                {
                    // The client's fault (malformed JSON, a body too large): say what was wrong, keep the log quiet.
                    await Results.Problem(
                        title: "The request could not be read.",
                        detail: badRequest.InnerException?.Message ?? badRequest.Message,
                        statusCode: badRequest.StatusCode).ExecuteAsync(context);
                    return;
                }
                if (error is not null) app.Logger.UnhandledError(error, context.Request.Path);
                if (IsApi(context.Request))
                {
                    await Results.Problem(
                        title: "The server failed to handle this request.",
                        detail: "The error has been logged; quote the trace id when you report it.",
                        statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
                    return;
                }
                context.Response.Redirect("/error");
            },
        });
        // A page answer with a status and no body is re-executed as the status page. It must be registered on the
        // app itself: re-execution re-runs routing only on the main pipeline, not inside a UseWhen branch.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        // An API answer with a status and no body (401, 403, 404, 405) gets a ProblemDetails body; having a body,
        // it is left alone by the page re-execution above.
        app.UseWhen(context => IsApi(context.Request), api => api.UseStatusCodePages(async context =>
            await Results.Problem(statusCode: context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext)));
        return app;
    }

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/v2") || request.Path.StartsWithSegments("/metrics")
        || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/hubs");
}
