using Microsoft.AspNetCore.Components;

namespace OpsConsole.Components.Shell;

/// <summary>
/// Base for components that load data or listen to live events: <see cref="Closing"/> cancels their I/O when the
/// component goes away, and subscriptions made through <see cref="Track"/> end with it.
/// </summary>
public abstract class ConsoleComponent : ComponentBase, IDisposable
{
    readonly CancellationTokenSource _closing = new();
    readonly List<IDisposable> _subscriptions = [];

    protected CancellationToken Closing => _closing.Token;

    protected void Track(IDisposable subscription) => _subscriptions.Add(subscription);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        foreach (var subscription in _subscriptions) subscription.Dispose();
        // Cancel only: a live-event handler from a snapshot taken before the unsubscribe may still read Closing.
        _closing.Cancel();
    }
}
