namespace OpsConsole.Monitoring;

public static class MonitoringSetup
{
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DriftQueries>();
        return builder;
    }

    public static WebApplication MapMonitoring(this WebApplication app)
    {
        app.MapMonitoringEndpoints();
        return app;
    }
}
