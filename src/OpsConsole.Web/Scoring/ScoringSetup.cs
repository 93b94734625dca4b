namespace OpsConsole.Scoring;

public static class ScoringSetup
{
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddSingleton<PredictionLogWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PredictionLogWriter>());
        builder.Services.AddScoped<ServingChain>();
        return builder;
    }

    public static WebApplication MapScoring(this WebApplication app)
    {
        app.MapV2Endpoints();
        app.MapScoringEndpoints();
        return app;
    }
}
