using System.Collections.Immutable;

namespace OpsConsole.Platform;

/// <summary>
/// In-process publish/subscribe for live UI updates: a component subscribes to an event type and disposes the
/// subscription with itself. Handlers run concurrently, so a publisher waits for the slowest circuit, not for all of
/// them in turn; one that throws is logged and does not stop the others.
/// </summary>
public sealed class LiveEvents(ILogger<LiveEvents> logger)
{
    ImmutableList<Subscription> _subscriptions = [];

    public IDisposable Subscribe<T>(Func<T, bool> filter, Func<T, Task> handler) where T : class
    {
        var subscription = new Subscription(typeof(T), e => filter((T)e), e => handler((T)e), this);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    public IDisposable Subscribe<T>(Func<T, Task> handler) where T : class => Subscribe<T>(_ => true, handler);

    public Task PublishAsync<T>(T liveEvent) where T : class =>
        Task.WhenAll(_subscriptions.Where(s => s.EventType.IsAssignableFrom(typeof(T))).Select(s => DeliverAsync(s, liveEvent)));

    async Task DeliverAsync<T>(Subscription subscription, T liveEvent) where T : class
    {
        try
        {
            if (subscription.Filter(liveEvent)) await subscription.Handler(liveEvent);
        }
        catch (Exception exception)   // a broken subscriber (a closed circuit) must not stop the event reaching the rest
        {
            logger.LiveEventHandlerFailed(exception, typeof(T).Name);
        }
    }

    public int SubscriberCount => _subscriptions.Count;

    void Remove(Subscription subscription) => ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    sealed class Subscription(Type eventType, Func<object, bool> filter, Func<object, Task> handler, LiveEvents owner) : IDisposable
    {
        public Type EventType { get; } = eventType;
        public Func<object, bool> Filter { get; } = filter;
        public Func<object, Task> Handler { get; } = handler;
        public void Dispose() => owner.Remove(this);
    }
}
