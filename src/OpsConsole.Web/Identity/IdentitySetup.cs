using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using OpsConsole.Platform;

namespace OpsConsole.Identity;

public static class IdentitySetup
{
    const string SmartScheme = "CookieOrApiKey";

    /// <summary>Users, roles and policies, cookie sign-in, API keys, the audit actor and the audit retention job.</summary>
    public static IHostApplicationBuilder AddIdentityAndAudit(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddScoped<AuditActor>();
        services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<AuditActor>());
        services.AddScoped<CircuitHandler, AuditCircuitHandler>();
        services.AddScoped<OperationScope>();
        services.AddScoped<IdentityBootstrapper>();
        services.AddScoped<UserAdministration>();
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<ApiKeyIssuer>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<AuditRetentionJob>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API key", options => options.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.HasCredentials(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "OpsConsole.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;   // Always in production via HTTPS; 127.0.0.1 runs on http
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // An API caller wants a status code, not the sign-in page.
            options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddIdentityCore<OpsUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // The fallback makes "authenticated" the default for any endpoint that names no policy of its own.
        services.AddAuthorizationBuilder().AddPolicies().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>One policy per role, admitting that role and every role above it; public so component tests use the real rules.</summary>
    public static AuthorizationBuilder AddPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var role in Roles.All)
            authorization.AddPolicy(Policies.For(role), policy => policy.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(role)));
        return authorization;
    }

    static Task Answer(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (ErrorHandling.IsApi(context.Request)) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static async Task BootstrapIdentityAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>().RunAsync(app.Lifetime.ApplicationStopping);
    }

    public static WebApplication MapIdentityAndAudit(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapUserEndpoints();
        app.MapApiKeyEndpoints();
        app.MapAuditEndpoints();
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<AuditRetentionJob>(
            AuditRetentionJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3)); // Hangfire swaps in its own token
        return app;
    }
}
