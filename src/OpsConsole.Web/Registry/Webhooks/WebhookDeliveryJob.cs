using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Registry.Webhooks;

/// <summary>
/// Sends due webhook deliveries: each POST is signed (<see cref="WebhookSignature"/>), gets 10 s to answer, and is
/// retried with backoff (<see cref="WebhookRetry"/>) until a 2xx or the last attempt. Delivery is at least once, so
/// receivers drop duplicates by the X-OpsConsole-Delivery header.
/// </summary>
public sealed class WebhookDeliveryJob(OpsDbContext db, IHttpClientFactory httpClients, TimeProvider time, ILogger<WebhookDeliveryJob> logger)
{
    public const string Id = "registry-webhooks";
    public const string HttpClientName = "webhooks";
    public const string EventHeader = "X-OpsConsole-Event";
    public const string DeliveryHeader = "X-OpsConsole-Delivery";
    public const string TimestampHeader = "X-OpsConsole-Timestamp";
    public const string SignatureHeader = "X-OpsConsole-Signature";
    const int BatchSize = 50;
    static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);
    // Longer than any one attempt: a delivery claimed by a runner that then died becomes due again after this.
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Attempts up to 50 due deliveries, oldest first, and returns how many it attempted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await (
            from delivery in db.WebhookDeliveries
            join subscription in db.WebhookSubscriptions on delivery.SubscriptionId equals subscription.Id
            where delivery.Status == WebhookDeliveryStatus.Pending && delivery.NextAttemptAt <= now
            orderby delivery.NextAttemptAt
            select new { Delivery = delivery, subscription.Url, subscription.Secret, subscription.IsActive })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var attempted = 0;
        foreach (var item in due)
        {
            if (!await ClaimAsync(item.Delivery, cancellationToken)) continue;
            if (!item.IsActive)
            {
                item.Delivery.Status = WebhookDeliveryStatus.Failed;
                item.Delivery.LastError = "The webhook was deactivated before this delivery was sent.";
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }
            await AttemptAsync(item.Delivery, item.Url, item.Secret, cancellationToken);
            attempted++;
        }
        if (attempted > 0) logger.WebhookRunFinished(attempted);
        return attempted;
    }

    // Two runners can load the same due row (two servers, or a manual run beside the schedule). Only the one whose update
    // still finds the NextAttemptAt it read sends it; the others skip. Deliveries are not audited, so ExecuteUpdate may
    // bypass the tracker here.
    async Task<bool> ClaimAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var seen = delivery.NextAttemptAt;
        var leaseUntil = time.GetUtcNow() + Lease;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, leaseUntil), cancellationToken);
        return claimed == 1;
    }

    async Task AttemptAsync(WebhookDelivery delivery, string url, string secret, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        using var content = new StringContent(delivery.Body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url)) { Content = content };
        request.Headers.Add(EventHeader, delivery.EventType);
        request.Headers.Add(DeliveryHeader, delivery.DeliveryId);
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(secret, delivery.DeliveryId, timestamp, delivery.Body));

        var (statusCode, error) = await SendAsync(request, cancellationToken);
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        delivery.LastStatusCode = statusCode;
        delivery.LastError = error is null ? null : Truncate(error);
        if (error is null)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = time.GetUtcNow();
            logger.WebhookDelivered(delivery.DeliveryId, delivery.EventType, delivery.SubscriptionId, statusCode ?? 0, delivery.Attempts);
        }
        else if (WebhookRetry.DelayAfter(delivery.Attempts) is { } delay)
        {
            delivery.NextAttemptAt = time.GetUtcNow() + delay;
            logger.WebhookAttemptFailed(delivery.DeliveryId, delivery.EventType, delivery.SubscriptionId, delivery.Attempts, error, delivery.NextAttemptAt);
        }
        else
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            logger.WebhookGaveUp(delivery.DeliveryId, delivery.EventType, delivery.SubscriptionId, delivery.Attempts, error);
        }
        // Saved after each delivery, so a stop mid-batch loses at most the attempt in flight (whose lease then expires).
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The receiver's status code (null when none came back) and, unless it was a 2xx, what went wrong.</summary>
    async Task<(int? StatusCode, string? Error)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AnswerTimeout);
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return (code, null);
            return (code, $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"The receiver did not answer within {(int)AnswerTimeout.TotalSeconds} s.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Anything else (a malformed address, a TLS failure the handler did not wrap) still counts as an attempt,
            // so one bad subscription backs off instead of being retried after every lease.
            return (null, exception.Message);
        }
    }

    static string Truncate(string text) =>
        text.Length <= WebhookDeliveryConfiguration.MaxErrorLength ? text : string.Concat(text.AsSpan(0, WebhookDeliveryConfiguration.MaxErrorLength - 1), "…");
}
