using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Identity;
using OpsConsole.Platform;

namespace OpsConsole;

/// <summary>
/// A real SQLite file in a temp directory with the real migrations, for component tests that render one component
/// without the whole app. <see cref="AddTo(IServiceCollection)"/> registers the context factory with the audit interceptor, as the app does.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"opsconsole-bunit-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={_file}";

    public async ValueTask InitializeAsync()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public OpsDbContext Open()
    {
        var options = new DbContextOptionsBuilder<OpsDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, ConnectionString);
        return new OpsDbContext(options.Options);
    }

    /// <summary>Services to seed users and roles with, outside any component under test.</summary>
    public ServiceProvider Seeding()
    {
        var services = new ServiceCollection();
        services.AddLogging().AddSingleton(TimeProvider.System);
        AddTo(services);
        services.AddIdentityCore<OpsUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<OpsDbContext>();
        services.AddScoped<UserAdministration>().AddSingleton<HubConnections>();
        return services.BuildServiceProvider();
    }

    public void AddTo(IServiceCollection services) => AddTo(services, ConnectionString);

    /// <summary>The context factory with the audit interceptor on any SQLite file, such as the shared TestApp's.</summary>
    public static void AddTo(IServiceCollection services, string connectionString)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditActor>();
        services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<AuditActor>());
        services.AddScoped<AuditInterceptor>();
        services.AddDbContextFactory<OpsDbContext>(
            (sp, options) => options.UseProvider(DatabaseProvider.Sqlite, connectionString).AddInterceptors(sp.GetRequiredService<AuditInterceptor>()),
            ServiceLifetime.Scoped);
    }

    /// <summary>Signs the component tree in as a user of <paramref name="role"/>, evaluated by the console's real policies.</summary>
    public static void SignIn(IServiceCollection services, string userId, string email, string role)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Email, email), new Claim(ClaimTypes.Role, role)],
            "Test");
        services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(new ClaimsPrincipal(identity)));
        services.AddCascadingAuthenticationState();
        services.AddAuthorizationBuilder().AddPolicies();
        // bUnit registers throwing placeholders first; these make AuthorizeView use the real policy evaluation.
        services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return ValueTask.CompletedTask;
    }

    sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
