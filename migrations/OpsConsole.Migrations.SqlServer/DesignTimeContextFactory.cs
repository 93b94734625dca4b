using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OpsConsole.Platform;

namespace OpsConsole.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the context and script migrations without a SQL Server; the connection is never opened.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<OpsDbContext>
{
    public OpsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.SqlServer, "Server=design-time;Database=OpsConsole;Trusted_Connection=True;TrustServerCertificate=True");
        return new OpsDbContext(options.Options);
    }
}
