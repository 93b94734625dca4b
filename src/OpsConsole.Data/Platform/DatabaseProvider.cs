using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Platform;

/// <summary>The two supported database engines.</summary>
public enum DatabaseProvider { Sqlite, SqlServer }

public static class DatabaseProviderExtensions
{
    public const string SqliteMigrationsAssembly = "OpsConsole.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "OpsConsole.Migrations.SqlServer";

    /// <summary>Points the context at one engine and at that engine's migrations project.</summary>
    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
}
