using Hangfire;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

public static class AlertingSetup
{
    public static IHostApplicationBuilder AddAlerting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SlowSignalCache>();
        builder.Services.AddScoped<AlertSignalReader>();
        builder.Services.AddScoped<AlertRouter>();
        builder.Services.AddScoped<AlertActions>();
        builder.Services.AddScoped<AlertEvaluator>();
        builder.Services.AddScoped<AlertEvaluationJob>();
        builder.Services.AddScoped<AlertRuleStore>();
        builder.Services.AddScoped<AlertQueries>();
        builder.Services.AddScoped<SilenceStore>();
        builder.Services.AddScoped<AlertmanagerReceiver>();
        return builder;
    }

    public static WebApplication MapAlerting(this WebApplication app)
    {
        app.MapAlertingEndpoints();
        var seconds = app.Configuration.GetValue($"{AlertingOptions.Section}:{nameof(AlertingOptions.EvaluationSeconds)}", new AlertingOptions().EvaluationSeconds);
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<AlertEvaluationJob>(
            AlertEvaluationJob.Id, job => job.RunAsync(CancellationToken.None), HeartbeatJob.Cron(seconds));   // Hangfire swaps in its own token
        return app;
    }
}
