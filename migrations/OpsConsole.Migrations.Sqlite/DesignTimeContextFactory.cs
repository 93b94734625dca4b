using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OpsConsole.Platform;

namespace OpsConsole.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context without the web host; the connection is never opened.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<OpsDbContext>
{
    public OpsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new OpsDbContext(options.Options);
    }
}
