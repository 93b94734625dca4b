using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpsConsole.Identity;

namespace OpsConsole.Platform;

public static class DatabaseSetup
{
    /// <summary>One context, two providers; the audit interceptor rides on every context, in requests, circuits and jobs.</summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = ConnectionString(builder.Configuration, database.Provider, storage);

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AuditInterceptor>();
        // Scoped factory: a Blazor circuit's scope carries its user, so contexts made from the factory audit that user.
        builder.Services.AddDbContextFactory<OpsDbContext>(
            (services, options) => options
                .UseProvider(database.Provider, connectionString)
                .AddInterceptors(services.GetRequiredService<AuditInterceptor>()),
            ServiceLifetime.Scoped);
        return builder;
    }

    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, StorageOptions storage)
    {
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (provider == DatabaseProvider.SqlServer)
        {
            throw new InvalidOperationException(
                $"Database:Provider is SqlServer but ConnectionStrings:{DatabaseOptions.ConnectionStringName} is empty.");
        }
        return $"Data Source={Path.Combine(storage.FullDataDirectory, "opsconsole.db")}";
    }

    /// <summary>Creates the data directory and applies pending migrations before anything reads the database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        Directory.CreateDirectory(storage.FullDataDirectory);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        if (database.MigrateOnStartup) await db.Database.MigrateAsync(app.Lifetime.ApplicationStopping);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets dashboards read while the prediction log writes; the setting is stored in the file, once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", app.Lifetime.ApplicationStopping);
        }
    }
}
