using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using OpsConsole.Components.Shell;
using OpsConsole.Identity;
using OpsConsole.Platform;

namespace OpsConsole.Components;

public class NotificationCenterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_notification_for_the_users_role_raises_a_toast_and_the_badge_and_others_do_not()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices().AddSingleton(TimeProvider.System).AddLogging();
        ctx.Services.AddSingleton<LiveEvents>().AddScoped<NotificationQueries>().AddScoped<NotificationSender>().AddScoped<BrowserTimeZone>();
        ctx.Services.AddSignalR();
        database.AddTo(ctx.Services);
        var userId = "engineer-" + Guid.NewGuid().ToString("N");
        TestDatabase.SignIn(ctx.Services, userId, "eng@example.com", Roles.Engineer);
        ctx.Render<MudPopoverProvider>();
        var center = ctx.Render<NotificationCenter>();
        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        var sender = ctx.Services.GetRequiredService<NotificationSender>();

        await sender.SendAsync(new NewNotification(null, Roles.Lead, "Leads only", null, "info", null), CancellationToken.None);
        await sender.SendAsync(new NewNotification(null, Roles.Reviewer, "Drift on fraud-model", "PSI 0.31 on amount", "warning", null), CancellationToken.None);
        await sender.SendAsync(new NewNotification(userId, null, "Assigned to you", null, "error", "/incidents/7"), CancellationToken.None);

        center.WaitForAssertion(() => Assert.Equal("2", center.Find("#notification-badge .mud-badge").TextContent.Trim()));
        Assert.Equal(["Drift on fraud-model: PSI 0.31 on amount", "Assigned to you"], snackbar.ShownSnackbars.Select(s => s.Message).ToList());
        Assert.Equal([Severity.Warning, Severity.Error], snackbar.ShownSnackbars.Select(s => s.Severity).ToList());
    }
}
