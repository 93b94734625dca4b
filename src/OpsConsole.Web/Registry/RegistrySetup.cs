using Hangfire;
using Microsoft.Extensions.Options;
using OpsConsole.Platform;
using OpsConsole.Registry.Webhooks;

namespace OpsConsole.Registry;

public static class RegistrySetup
{
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FileArtifactStore>();
        builder.Services.AddScoped<DatabaseArtifactStore>();
        builder.Services.AddScoped<IArtifactStore>(services =>
            services.GetRequiredService<IOptions<RegistryOptions>>().Value.ArtifactStore == ArtifactStoreKind.Database
                ? services.GetRequiredService<DatabaseArtifactStore>()
                : services.GetRequiredService<FileArtifactStore>());
        builder.Services.AddScoped<ArtifactLoader>();
        builder.Services.AddScoped<RegistryQueries>();
        builder.Services.AddScoped<ModelRegistration>();
        builder.Services.AddScoped<StageChanger>();
        builder.Services.AddScoped<ContractEditor>();
        builder.Services.AddSingleton<WebhookOutbox>();
        builder.Services.AddScoped<WebhookAdministration>();
        builder.Services.AddScoped<WebhookDeliveryJob>();
        // A 3xx counts as a failure: following it would turn the POST into a GET or send the signed body elsewhere.
        builder.Services.AddHttpClient(WebhookDeliveryJob.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return builder;
    }

    public static WebApplication MapRegistry(this WebApplication app)
    {
        app.MapRegistryEndpoints();
        app.MapWebhookEndpoints();
        // Every 10 s, because the first retry is due 10 s after a failed delivery.
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<WebhookDeliveryJob>(
            WebhookDeliveryJob.Id, job => job.RunAsync(CancellationToken.None), HeartbeatJob.Cron(10)); // Hangfire swaps in its own token
        return app;
    }
}
