using Microsoft.Extensions.Options;

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
        return builder;
    }

    public static WebApplication MapRegistry(this WebApplication app)
    {
        app.MapRegistryEndpoints();
        return app;
    }
}
