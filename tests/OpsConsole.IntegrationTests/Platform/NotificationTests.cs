using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OpsConsole.Identity;

namespace OpsConsole.Platform;

public class NotificationTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notification_to_a_role_reaches_a_hub_client_of_a_higher_role_but_not_a_lower_one()
    {
        await using var lead = await ConnectAsync(Roles.Lead);
        await using var viewer = await ConnectAsync(Roles.Viewer);
        var title = "Engineers: deploy freeze " + Guid.NewGuid().ToString("N")[..6];

        using var admin = app.Admin();
        var response = await admin.PostAsJsonAsync("/api/notifications", new { role = Roles.Engineer, title, severity = "warning" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var received = await lead.Received.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        Assert.Equal(title, received.Title);
        Assert.Equal("warning", received.Severity);
        var othersFirst = await Task.WhenAny(viewer.Received.Task, Task.Delay(TimeSpan.FromMilliseconds(500), Cancel));
        Assert.NotSame(viewer.Received.Task, othersFirst);
    }

    [Fact]
    public async Task A_notification_to_one_user_is_listed_for_that_user_only()
    {
        var (id, email) = await app.CreateUserAsync(Roles.Viewer);
        var title = "Just for you " + Guid.NewGuid().ToString("N")[..6];
        using var admin = app.Admin();

        await admin.PostAsJsonAsync("/api/notifications", new { userId = id, title }, Cancel);
        using var recipient = app.Anonymous();
        await TestApp.SignInAsync(recipient, email, TestApp.UserPassword);
        using var someoneElse = await app.SignedInAsync(Roles.Viewer);

        var mine = await recipient.GetFromJsonAsync<List<NotificationView>>("/api/notifications", Cancel);
        var theirs = await someoneElse.GetFromJsonAsync<List<NotificationView>>("/api/notifications", Cancel);
        Assert.Contains(mine!, n => n.Title == title);
        Assert.DoesNotContain(theirs!, n => n.Title == title);
    }

    [Fact]
    public async Task A_notification_with_two_audiences_and_no_title_is_refused_field_by_field()
    {
        using var admin = app.Admin();

        var response = await admin.PostAsJsonAsync("/api/notifications", new { userId = "u", role = Roles.Viewer, title = "" }, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"userId\"", body, StringComparison.Ordinal);
        Assert.Contains("\"title\"", body, StringComparison.Ordinal);
    }

    async Task<HubClient> ConnectAsync(string role)
    {
        var key = await app.KeyForRoleAsync(role);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, NotificationHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.Headers[ApiKeyAuthenticationHandler.HeaderName] = key;
            })
            .Build();
        var client = new HubClient(connection);
        connection.On<NotificationView>(NotificationHub.MessageName, n => client.Received.TrySetResult(n));
        await connection.StartAsync(Cancel);
        return client;
    }

    sealed class HubClient(HubConnection connection) : IAsyncDisposable
    {
        public TaskCompletionSource<NotificationView> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
