namespace OpsConsole.Platform;

/// <summary>Which database engine to use and whether start-up migrates it.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "OpsConsole";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up; turn off where a DBA applies the SQL Server script.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
