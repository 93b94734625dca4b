using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsConsole.Registry.Webhooks;

/// <summary>
/// Webhooks end to end: a real HTTP receiver on a loopback port, a subscription made through the API, an event queued
/// through the outbox, and the delivery job run directly. Other tests raise registry events too, and the scheduled job
/// may run beside ours, so every check looks only at this test's subscription and at bodies carrying its own marker.
/// </summary>
public class WebhookDeliveryTests(TestApp app)
{
    static readonly string[] UnknownEvents = ["model.deleted"];

    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_queued_event_reaches_the_receiver_once_signed_and_the_log_shows_it_delivered()
    {
        await using var receiver = await Receiver.StartAsync(Cancel);
        using var admin = app.Admin();
        var secret = "whsec_" + Guid.NewGuid().ToString("N");
        var webhook = await CreateWebhookAsync(admin, receiver.HookUrl, secret);
        var model = RegistryApi.UniqueName("hook");

        var delivery = await EnqueueAsync(webhook.Id, model);
        var row = await RunUntilAsync(delivery.Id, d => d.Status == WebhookDeliveryStatus.Delivered);

        var request = Assert.Single(receiver.RequestsMentioning(model));
        var timestamp = long.Parse(request.Headers["X-OpsConsole-Timestamp"], CultureInfo.InvariantCulture);
        Assert.Equal(WebhookEvents.VersionRegistered, request.Headers["X-OpsConsole-Event"]);
        Assert.Equal(delivery.DeliveryId, request.Headers["X-OpsConsole-Delivery"]);
        Assert.True(WebhookSignature.Verify(secret, delivery.DeliveryId, timestamp, request.Body, request.Headers["X-OpsConsole-Signature"]));
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(timestamp), TestApp.Now.AddMinutes(-1), TestApp.Now.AddMinutes(1));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using (var body = JsonDocument.Parse(request.Body))
        {
            Assert.Equal(WebhookEvents.VersionRegistered, body.RootElement.GetProperty("type").GetString());
            Assert.Equal(model, body.RootElement.GetProperty("data").GetProperty("model").GetString());
        }
        Assert.Equal((1, 200), (row.Attempts, row.LastStatusCode));

        var log = await admin.GetFromJsonAsync<List<WebhookDeliveryView>>($"/api/webhooks/deliveries?subscriptionId={webhook.Id}", Cancel);
        var listed = Assert.Single(log!, d => d.DeliveryId == delivery.DeliveryId);
        Assert.Equal(("delivered", 1, 200, receiver.HookUrl), (listed.Status, listed.Attempts, listed.LastStatusCode, listed.Url));
        Assert.NotNull(listed.DeliveredAt);
        Assert.DoesNotContain(secret, await admin.GetStringAsync("/api/webhooks", Cancel), StringComparison.Ordinal);

        await admin.DeleteAsync($"/api/webhooks/{webhook.Id}", Cancel);
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_after_ten_seconds_and_a_manual_retry_delivers_it()
    {
        await using var receiver = await Receiver.StartAsync(Cancel);
        receiver.StatusCode = StatusCodes.Status500InternalServerError;
        using var admin = app.Admin();
        var secret = "whsec_" + Guid.NewGuid().ToString("N");
        var webhook = await CreateWebhookAsync(admin, receiver.HookUrl, secret);
        var model = RegistryApi.UniqueName("hook");

        var before = TestApp.Now;
        var delivery = await EnqueueAsync(webhook.Id, model);
        var failed = await RunUntilAsync(delivery.Id, d => d.Attempts >= 1);
        var after = TestApp.Now;
        // Healthy again at once: should the scheduled run reach the 10 s retry before the manual one, it succeeds too.
        receiver.StatusCode = StatusCodes.Status200OK;

        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (failed.Status, failed.Attempts, failed.LastStatusCode));
        Assert.InRange(failed.NextAttemptAt, before.AddSeconds(10), after.AddSeconds(10));
        Assert.Contains("500", failed.LastError, StringComparison.Ordinal);

        var retry = await admin.PostAsync($"/api/webhooks/deliveries/{delivery.Id}/retry", null, Cancel);
        var delivered = await RunUntilAsync(delivery.Id, d => d.Status == WebhookDeliveryStatus.Delivered);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal((2, 200), (delivered.Attempts, delivered.LastStatusCode));
        var requests = receiver.RequestsMentioning(model);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(delivery.DeliveryId, r.Headers["X-OpsConsole-Delivery"]));
        var last = requests[^1];
        Assert.True(WebhookSignature.Verify(secret, delivery.DeliveryId,
            long.Parse(last.Headers["X-OpsConsole-Timestamp"], CultureInfo.InvariantCulture), last.Body, last.Headers["X-OpsConsole-Signature"]));

        await admin.DeleteAsync($"/api/webhooks/{webhook.Id}", Cancel);
    }

    [Fact]
    public async Task A_webhook_with_an_unknown_event_or_a_short_secret_is_refused_field_by_field()
    {
        using var admin = app.Admin();

        var response = await admin.PostAsJsonAsync("/api/webhooks", new { url = "ftp://example.com/x", secret = "short", events = UnknownEvents }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["events", "secret", "url"], (await RegistryApi.ErrorFieldsAsync(response)).Order(StringComparer.Ordinal));
    }

    async Task<WebhookView> CreateWebhookAsync(HttpClient admin, string url, string secret)
    {
        // Only the event this test queues, so other tests' registry events reach this receiver as little as possible.
        var response = await admin.PostAsJsonAsync("/api/webhooks",
            new { url, secret, events = new[] { WebhookEvents.VersionRegistered }, description = "integration test receiver" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<WebhookView>(Cancel))!;
    }

    /// <summary>Queues a version.registered event through the outbox, as the registry does, and returns this subscription's delivery.</summary>
    async Task<WebhookDelivery> EnqueueAsync(long subscriptionId, string model)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
        await outbox.EnqueueAsync(db, WebhookEvents.VersionRegistered, new { model, version = 1 }, Cancel);
        var ours = db.ChangeTracker.Entries<WebhookDelivery>().Select(e => e.Entity).Single(d => d.SubscriptionId == subscriptionId);
        await db.SaveChangesAsync(Cancel);
        return ours;
    }

    /// <summary>
    /// Runs the delivery job until the delivery reaches the state. The scheduled run may claim the delivery first, in
    /// which case ours skips it and the state arrives from that run instead; either way one attempt is made per claim.
    /// </summary>
    async Task<WebhookDelivery> RunUntilAsync(long id, Func<WebhookDelivery, bool> reached)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WebhookDeliveryJob>().RunAsync(Cancel);
            var row = await scope.ServiceProvider.GetRequiredService<OpsDbContext>().WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, Cancel);
            if (reached(row)) return row;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"Delivery {id} did not reach the expected state within 20 s (status {row.Status}, attempts {row.Attempts}).");
            await Task.Delay(100, Cancel);
        }
    }

    sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>A webhook receiver on a free loopback port that records every request and answers with <see cref="StatusCode"/>.</summary>
    sealed class Receiver : IAsyncDisposable
    {
        readonly ConcurrentQueue<ReceivedRequest> _requests = new();
        WebApplication _host = default!;
        volatile int _statusCode = StatusCodes.Status200OK;

        public int StatusCode { get => _statusCode; set => _statusCode = value; }

        public string HookUrl { get; private set; } = "";

        sealed class PrivateMeterFactory : System.Diagnostics.Metrics.IMeterFactory
        {
            readonly List<System.Diagnostics.Metrics.Meter> _meters = [];

            public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
            {
                var meter = new System.Diagnostics.Metrics.Meter("webhook-test-receiver." + options.Name, options.Version);
                lock (_meters) _meters.Add(meter);
                return meter;
            }

            public void Dispose()
            {
                lock (_meters)
                {
                    foreach (var meter in _meters) meter.Dispose();
                }
            }
        }

        public static async Task<Receiver> StartAsync(CancellationToken cancellationToken)
        {
            var receiver = new Receiver();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            // A second ASP.NET host in this process would create its own "Microsoft.AspNetCore.Hosting" meters, and
            // disposing them ends the console's metric streams of the same names (the metrics listener is process-wide):
            // the console's /metrics would lose http_server_request_duration_seconds. Its meters get names of their own.
            builder.Services.AddSingleton<System.Diagnostics.Metrics.IMeterFactory, PrivateMeterFactory>();
            var host = builder.Build();
            host.MapPost("/hook", receiver.RecordAsync);
            await host.StartAsync(cancellationToken);
            receiver._host = host;
            // Kestrel reports the port it picked for :0 once started.
            receiver.HookUrl = host.Urls.First() + "/hook";
            return receiver;
        }

        async Task RecordAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new ReceivedRequest(headers, body));
            context.Response.StatusCode = StatusCode;
        }

        /// <summary>Requests whose body carries <paramref name="marker"/>, in arrival order.</summary>
        public List<ReceivedRequest> RequestsMentioning(string marker) =>
            [.. _requests.Where(r => r.Body.Contains(marker, StringComparison.Ordinal))];

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync(TestContext.Current.CancellationToken);
            await _host.DisposeAsync();
        }
    }
}
