using OpenTelemetry.Metrics;
using OpsConsole.Identity;

namespace OpsConsole.Platform;

public static class TelemetrySetup
{
    /// <summary>The meter every console module records its own metrics on.</summary>
    public const string MeterName = "OpsConsole";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        var allowAnonymous = app.Configuration.GetValue<bool>($"{MetricsOptions.Section}:{nameof(MetricsOptions.AllowAnonymous)}");
        if (allowAnonymous) endpoint.AllowAnonymous();
        else endpoint.RequireAuthorization(Policies.Viewer);
        return app;
    }
}
