namespace OpsConsole.Training;

public static class TrainingSetup
{
    public static IHostApplicationBuilder AddTraining(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ModelTrainer>();
        builder.Services.AddScoped<DemoModelSeeder>();
        return builder;
    }

    public static WebApplication MapTraining(this WebApplication app)
    {
        app.MapTrainingEndpoints();
        return app;
    }

    /// <summary>Creates the demo model when demo mode is on; a no-op otherwise and on every later start.</summary>
    public static async Task SeedDemoModelAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoModelSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
        var demo = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Identity.DemoOptions>>().Value;
        if (demo.Enabled && demo.TrafficPerSecond > 0)
        {
            var settings = new Scoring.SimulatorSettings(Math.Min(demo.TrafficPerSecond, Scoring.TrafficSimulator.MaxRequestsPerSecond), ["web", "mobile", "partner"]);
            app.Services.GetRequiredService<Scoring.TrafficSimulator>().Start(DemoModelSeeder.ModelName, settings, "system:demo");
        }
    }
}
