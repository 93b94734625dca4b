using Hangfire;
using Hangfire.SqlServer;
using Microsoft.Extensions.Options;

namespace OpsConsole.Platform;

public static class JobsSetup
{
    /// <summary>
    /// Hangfire on in-memory storage beside SQLite (no SQLite storage package is served here) and on SQL Server storage
    /// beside SQL Server, where any number of servers share the queues. Work whose loss would matter keeps its own state
    /// in the database, so in-memory queues lose nothing that a restart cannot enqueue again.
    /// </summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddHangfire((services, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.SqlServer)
            {
                var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)!;
                config.UseSqlServerStorage(connectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer(options =>
        {
            options.SchedulePollingInterval = TimeSpan.FromSeconds(jobs.SchedulePollingSeconds);
            options.WorkerCount = jobs.WorkerCount;
        });
        builder.Services.AddScoped<HeartbeatJob>();
        return builder;
    }

    public static WebApplication MapJobs(this WebApplication app)
    {
        // Hangfire's own filter allows local requests only; the endpoint's Admin policy replaces it.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DisplayStorageConnectionString = false, DashboardTitle = "OpsConsole jobs" })
            .RequireAuthorization(Identity.Policies.Admin);
        var seconds = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.HeartbeatSeconds;
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<HeartbeatJob>(
            HeartbeatJob.Id, job => job.RunAsync(CancellationToken.None), HeartbeatJob.Cron(seconds)); // Hangfire swaps in its own token
        return app;
    }
}
