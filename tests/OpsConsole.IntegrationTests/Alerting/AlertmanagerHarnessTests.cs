using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

/// <summary>
/// <see cref="AlertmanagerProcess"/> against a stand-in for the console's webhook (an <see cref="HttpListener"/> on
/// loopback): what a real Alertmanager sends is what <see cref="AlertmanagerWebhook"/> reads.
/// </summary>
public sealed class AlertmanagerHarnessTests
{
    const string ApiKey = "opc_alertmanager-harness-key-0123456789abcdef";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_posted_alert_reaches_the_webhook_as_a_firing_version_4_group_with_the_bearer_key_and_resolves_after_ResolveAsync()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var alertmanager = await AlertmanagerProcess.StartAsync(receiver.BaseAddress, ApiKey, Cancel);
        var model = $"harness-{Guid.NewGuid():N}";
        var labels = new Dictionary<string, string> { ["alertname"] = "ModelErrorRateHigh", ["model"] = model, ["severity"] = "critical" };
        var annotations = new Dictionary<string, string> { ["summary"] = $"{model} rejects 4.2% of requests", ["runbook_url"] = "https://runbooks.example.com/error-burst" };

        await alertmanager.PostAlertsAsync([new PostableAlert(labels, annotations, GeneratorUrl: "http://prometheus.example.com:9090/graph?g0.expr=up")], Cancel);
        var firing = await receiver.NextAsync(p => p.Status == AlertmanagerWebhook.Firing, "firing", alertmanager);

        Assert.Equal(AlertmanagerProcess.WebhookPath, firing.Path);
        Assert.Equal($"Bearer {ApiKey}", firing.Authorization);
        Assert.Equal("4", firing.Payload.Version);
        Assert.Empty(AlertmanagerWebhook.Check(firing.Payload));
        var group = AlertmanagerWebhook.ToGroup(firing.Payload);
        Assert.Equal($"{{}}:{{alertname=\"ModelErrorRateHigh\", model=\"{model}\"}}", group.GroupKey);
        Assert.Equal(labels, Assert.Single(group.Alerts).Labels);
        Assert.Null(group.Alerts[0].EndsAt);
        Assert.Equal($"{model} rejects 4.2% of requests", group.Title);
        Assert.Equal(Severity.Sev1, group.Severity);
        Assert.Equal(model, group.Model);
        Assert.Equal("https://runbooks.example.com/error-burst", group.RunbookUrl);
        Assert.Equal(alertmanager.BaseAddress, new Uri(group.ExternalUrl!));

        await alertmanager.ResolveAsync(labels, Cancel);
        var resolved = await receiver.NextAsync(p => p.Status == AlertmanagerWebhook.Resolved, "resolved", alertmanager);

        Assert.Empty(AlertmanagerWebhook.Check(resolved.Payload));
        var done = AlertmanagerWebhook.ToGroup(resolved.Payload);
        Assert.True(done.IsResolved);
        Assert.Equal(group.GroupKey, done.GroupKey);
        Assert.Equal(group.Alerts[0].Fingerprint, Assert.Single(done.Alerts).Fingerprint);
        Assert.True(done.Alerts[0].EndsAt > done.Alerts[0].StartsAt);
        Assert.Equal(group.Title, done.Title);                                   // the re-post kept the annotations
        Assert.Equal("http://prometheus.example.com:9090/graph?g0.expr=up", done.Alerts[0].GeneratorUrl);
    }

    [Fact]
    public async Task Alerts_on_two_models_arrive_as_two_groups_with_their_own_keys()
    {
        await using var receiver = WebhookReceiver.Start();
        await using var alertmanager = await AlertmanagerProcess.StartAsync(receiver.BaseAddress, ApiKey, Cancel);
        var run = Guid.NewGuid().ToString("N");
        PostableAlert Latency(string model) => new(new Dictionary<string, string> { ["alertname"] = "P99LatencyHigh", ["model"] = $"{model}-{run}", ["severity"] = "warning" });

        await alertmanager.PostAlertsAsync([Latency("churn"), Latency("fraud")], Cancel);
        var first = await receiver.NextAsync(_ => true, "first group's", alertmanager);
        var second = await receiver.NextAsync(_ => true, "second group's", alertmanager);

        var groups = new[] { AlertmanagerWebhook.ToGroup(first.Payload), AlertmanagerWebhook.ToGroup(second.Payload) };
        Assert.Equal([$"churn-{run}", $"fraud-{run}"], groups.Select(g => g.Model).Order(StringComparer.Ordinal));
        Assert.NotEqual(groups[0].GroupKey, groups[1].GroupKey);
        Assert.All(groups, g => Assert.Equal(Severity.Sev3, g.Severity));
    }

    sealed record Request(string Path, string? Authorization, string Body);

    sealed record Notification(string Path, string? Authorization, AlertmanagerPayload Payload);

    /// <summary>Records every POST on a free loopback port and answers 200, as the console's endpoint will.</summary>
    sealed class WebhookReceiver : IAsyncDisposable
    {
        static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

        readonly HttpListener _listener = new();
        readonly Channel<Request> _received = Channel.CreateUnbounded<Request>();
        readonly List<string> _skipped = [];
        Task _accepting = Task.CompletedTask;

        public Uri BaseAddress { get; private init; } = default!;

        public static WebhookReceiver Start()
        {
            var receiver = new WebhookReceiver { BaseAddress = new Uri($"http://127.0.0.1:{ConsoleProcess.FreePort()}/") };
            receiver._listener.Prefixes.Add(receiver.BaseAddress.ToString());
            receiver._listener.Start();
            receiver._accepting = receiver.AcceptAsync();
            return receiver;
        }

        async Task AcceptAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;   // stopped on dispose
                }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                _received.Writer.TryWrite(new(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
                context.Response.StatusCode = (int)HttpStatusCode.OK;
                context.Response.Close();
            }
        }

        /// <summary>The next notification that is <paramref name="wanted"/>, skipping others, within 30 s.</summary>
        public async Task<Notification> NextAsync(Func<AlertmanagerPayload, bool> wanted, string what, AlertmanagerProcess alertmanager)
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            patience.CancelAfter(Patience);
            try
            {
                while (true)
                {
                    var request = await _received.Reader.ReadAsync(patience.Token);
                    var payload = JsonSerializer.Deserialize<AlertmanagerPayload>(request.Body, Web)!;
                    if (wanted(payload)) return new(request.Path, request.Authorization, payload);
                    _skipped.Add(request.Body);
                }
            }
            catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
            {
                Assert.Fail($"No {what} notification reached the webhook within {Patience.TotalSeconds} s; skipped {_skipped.Count}: {string.Join('\n', _skipped)}\n"
                    + $"Alertmanager's output:\n{alertmanager.RecentOutput}");
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _accepting;
            _received.Writer.TryComplete();
        }
    }
}
