using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor;
using MudBlazor.Services;

namespace OpsConsole.Platform;

public static class PlatformSetup
{
    /// <summary>Database, jobs, live events, telemetry, health, API docs, error handling and the Blazor shell.</summary>
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddErrorHandling();
        builder.AddDatabase();
        builder.AddJobs();
        builder.AddLiveUpdates();
        builder.AddTelemetry();
        builder.AddHealth();
        builder.AddApiDocs();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 8000;
            options.SnackbarConfiguration.ShowCloseIcon = true;
        });
        builder.Services.AddScoped<BrowserTimeZone>();
        builder.Services.AddScoped<SystemStatusQueries>();
        builder.Services.AddHttpContextAccessor();
        // Enums travel as their camelCase names ("removed", "pending"), as every other enum-like field of the API does.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // A model may output NaN or ±∞; answering "NaN" beats failing the response with a 500.
            o.SerializerOptions.NumberHandling |= System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        builder.Services.AddDataProtection().SetApplicationName("OpsConsole").PersistKeysToDbContext<OpsDbContext>();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseErrorHandling();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseAuthentication();
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();   // the sign-in page needs its styles before anyone is signed in
        app.MapHealth();
        app.MapTelemetry();
        app.MapApiDocs();
        app.MapJobs();
        app.MapLiveUpdates();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }
}
