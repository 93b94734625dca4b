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
        var title = "Engineers: deploy freeze " + Guid.NewGuid().ToString("N")[..6];
        var barrier = "Everyone: barrier " + Guid.NewGuid().ToString("N")[..6];
        await using var lead = await ConnectAsync(Roles.Lead, title);
        await using var viewer = await ConnectAsync(Roles.Viewer, barrier, also: title);

        using var admin = app.Admin();
        var response = await admin.PostAsJsonAsync("/api/notifications", new { role = Roles.Engineer, title, severity = "warning" }, Cancel);
        (await admin.PostAsJsonAsync("/api/notifications", new { role = Roles.Viewer, title = barrier }, Cancel)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var received = await lead.Received.Task.WaitAsync(TimeSpan.FromSeconds(20), Cancel);
        Assert.Equal(("warning", Roles.Engineer), (received.Severity, received.RecipientRole));
        // Messages on one connection arrive in order: once the viewer has the later barrier, the earlier one was not sent to it.
        await viewer.Received.Task.WaitAsync(TimeSpan.FromSeconds(20), Cancel);
        Assert.False(viewer.SawAlso, "A Viewer received a notification meant for Engineers and above.");
    }

    [Fact]
    public async Task A_notification_to_one_user_is_listed_for_that_user_only()
    {
        var (id, email) = await app.CreateUserAsync(Roles.Viewer);
        var title = "Just for you " + Guid.NewGuid().ToString("N")[..6];
        using var admin = app.Admin();

        (await admin.PostAsJsonAsync("/api/notifications", new { userId = id, title }, Cancel)).EnsureSuccessStatusCode();
        using var recipient = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(recipient, email, TestApp.UserPassword)).StatusCode);
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

    [Fact]
    public async Task Revoking_a_key_closes_the_hub_connections_it_opened()
    {
        var key = await app.CreateKeyAsync("hub-" + Guid.NewGuid().ToString("N")[..8], Roles.Viewer);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, NotificationHub.Path), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.Headers[ApiKeyAuthenticationHandler.HeaderName] = key;
            })
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.StartAsync(Cancel);
        Assert.Equal("pong", await connection.InvokeAsync<string>(nameof(NotificationHub.Ping), Cancel));

        using var admin = app.Admin();
        var keys = await admin.GetFromJsonAsync<List<ApiKeyView>>("/api/api-keys", Cancel);
        (await admin.DeleteAsync($"/api/api-keys/{keys!.Single(k => k.DisplayPrefix == ApiKeyToken.DisplayPrefix(key)).Id}", Cancel)).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20), Cancel);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await connection.DisposeAsync();
    }

    // Completes Received with the notification titled `wanted`; records whether one titled `also` arrived first.
    async Task<HubClient> ConnectAsync(string role, string wanted, string? also = null)
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
        connection.On<NotificationView>(NotificationHub.MessageName, n =>
        {
            if (n.Title == also) client.SawAlso = true;
            if (n.Title == wanted) client.Received.TrySetResult(n);
        });
        await connection.StartAsync(Cancel);
        Assert.Equal("pong", await connection.InvokeAsync<string>(nameof(NotificationHub.Ping), Cancel));   // groups are joined now
        return client;
    }

    sealed class HubClient(HubConnection connection) : IAsyncDisposable
    {
        public TaskCompletionSource<NotificationView> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool SawAlso { get; set; }
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
