using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsConsole.Identity;

public class BootstrapTests
{
    [Fact]
    public async Task Without_configured_admin_a_one_time_password_is_logged_that_signs_in_and_a_restart_changes_nothing()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        var logs = new CapturingLoggerProvider();

        await RunBootstrapperAsync(database, logs, new BootstrapOptions(), new DemoOptions(), Environments.Production);
        await RunBootstrapperAsync(database, logs, new BootstrapOptions(), new DemoOptions(), Environments.Production);

        var message = Assert.Single(logs.Messages, m => m.Contains("one-time password", StringComparison.Ordinal));
        var password = message.Split("one-time password ")[1].Split(',')[0];
        await using var services = database.Seeding();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpsUser>>();
        var admin = await users.FindByEmailAsync(IdentityBootstrapper.DefaultAdminEmail);
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.Equal([Roles.Admin], await users.GetRolesAsync(admin));
        Assert.Equal(1, await users.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Demo_users_one_per_role_are_created_outside_production_and_refused_in_it()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        var demo = new DemoOptions { Enabled = true, Password = "Demo-Password-For-Tests-1!" };

        await RunBootstrapperAsync(database, new CapturingLoggerProvider(), new BootstrapOptions(), demo, Environments.Development);
        var refused = await Record.ExceptionAsync(() =>
            RunBootstrapperAsync(database, new CapturingLoggerProvider(), new BootstrapOptions(), demo, Environments.Production));

        await using var services = database.Seeding();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpsUser>>();
        foreach (var role in Roles.All)
        {
            var user = await users.FindByEmailAsync(DemoOptions.EmailFor(role));
            Assert.NotNull(user);
            Assert.Equal([role], await users.GetRolesAsync(user));
        }
        Assert.IsType<InvalidOperationException>(refused);
    }

    static async Task RunBootstrapperAsync(TestDatabase database, CapturingLoggerProvider logs, BootstrapOptions bootstrap, DemoOptions demo, string environment)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs)).AddSingleton(TimeProvider.System);
        database.AddTo(services);
        services.AddIdentityCore<OpsUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<OpsDbContext>();
        services.AddSingleton(Options.Create(bootstrap)).AddSingleton(Options.Create(demo));
        services.AddSingleton<IHostEnvironment>(new FixedEnvironment(environment));
        services.AddScoped<IdentityBootstrapper>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>().RunAsync(CancellationToken.None);
    }

    sealed class FixedEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "OpsConsole.Tests";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Capturing(Messages);
        public void Dispose() { }

        sealed class Capturing(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
