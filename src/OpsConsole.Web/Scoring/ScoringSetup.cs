using Hangfire;

namespace OpsConsole.Scoring;

public static class ScoringSetup
{
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddSingleton<ServingDirectory>();
        builder.Services.AddSingleton<ScoringMetrics>();
        builder.Services.AddSingleton<LiveTraffic>();
        builder.Services.AddSingleton<ShadowQueue>();
        builder.Services.AddSingleton<RecordScorer>();
        builder.Services.AddSingleton<TensorScorer>();
        builder.Services.AddScoped<PredictionIngestion>();
        builder.Services.AddScoped<ShadowReports>();
        builder.Services.AddScoped<PredictionRetentionJob>();
        // Hosted services stop in reverse order: the shadow worker stops (and stops logging shadow predictions) before
        // the prediction writer drains and closes.
        builder.Services.AddSingleton<PredictionLogWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PredictionLogWriter>());
        builder.Services.AddSingleton<ShadowWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ShadowWorker>());
        builder.Services.AddSingleton<TrafficSimulator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TrafficSimulator>());
        return builder;
    }

    public static WebApplication MapScoring(this WebApplication app)
    {
        app.MapV2Endpoints();
        app.MapScoringEndpoints();
        app.MapPredictionEndpoints();
        app.MapServingEndpoints();
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<PredictionRetentionJob>(
            PredictionRetentionJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        return app;
    }
}
