using OpsConsole.Identity;
using Scalar.AspNetCore;

namespace OpsConsole.Platform;

public static class ApiDocsSetup
{
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpsConsole API";
            document.Info.Description = "Authenticate with the X-Api-Key header, Authorization: Bearer <key>, or the console's sign-in cookie.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>The document at /openapi/v1.json and a reference page at /scalar/v1, both for signed-in users.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi().RequireAuthorization(Policies.Viewer);
        app.MapScalarApiReference(options => options.WithTitle("OpsConsole API")).RequireAuthorization(Policies.Viewer);
        return app;
    }
}
