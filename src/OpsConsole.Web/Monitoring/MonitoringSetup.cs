using Hangfire;

namespace OpsConsole.Monitoring;

public static class MonitoringSetup
{
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.PricePerCpuHourByModel.Values.All(p => double.IsFinite(p) && p >= 0), "Monitoring:PricePerCpuHourByModel prices are finite and not negative.")
            .ValidateOnStart();
        builder.Services.AddScoped<DriftQueries>();
        builder.Services.AddScoped<DriftHistory>();
        builder.Services.AddScoped<MetricsQueries>();
        builder.Services.AddScoped<PerformanceQueries>();
        builder.Services.AddScoped<KpiQueries>();
        builder.Services.AddScoped<SegmentQueries>();
        builder.Services.AddScoped<AccuracyQueries>();
        builder.Services.AddSingleton<MonitoringPageReads>();
        builder.Services.AddScoped<DriftJob>();
        builder.Services.AddScoped<RollupCompactionJob>();
        builder.Services.AddSingleton<DriftGauges>();
        builder.Services.AddSingleton<ServiceErrorTally>();
        builder.Services.AddSingleton<RollupNotices>();
        builder.Services.AddSingleton<ServiceErrorFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ServiceErrorFlusher>());
        builder.Services.AddSingleton<KpiGauges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<KpiGauges>());
        return builder;
    }

    // Every n minutes as cron: a minute step below an hour, an hour step below a day, else daily.
    static string Cron(int minutes) => minutes switch
    {
        < 60 => $"*/{minutes} * * * *",
        < 1440 when minutes % 60 == 0 => $"0 */{minutes / 60} * * *",
        < 1440 => $"*/{Math.Min(59, minutes)} * * * *",
        _ => "0 0 * * *",
    };

    public static WebApplication MapMonitoring(this WebApplication app)
    {
        app.MapMonitoringEndpoints();
        var minutes = app.Configuration.GetValue($"{MonitoringOptions.Section}:{nameof(MonitoringOptions.DriftIntervalMinutes)}", new MonitoringOptions().DriftIntervalMinutes);
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<DriftJob>(
            DriftJob.Id, job => job.RunAsync(CancellationToken.None), Cron(minutes));   // Hangfire swaps in its own token
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<RollupCompactionJob>(
            RollupCompactionJob.Id, job => job.RunAsync(CancellationToken.None), "7 * * * *");
        return app;
    }
}
