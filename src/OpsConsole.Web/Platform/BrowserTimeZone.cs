using Microsoft.JSInterop;

namespace OpsConsole.Platform;

/// <summary>
/// The viewer's time zone, read once per circuit from the browser (Intl API). Until it is known, times show in UTC
/// and say so; components re-render when <see cref="Changed"/> fires.
/// </summary>
public sealed class BrowserTimeZone
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public bool IsKnown { get; private set; }
    public event Action? Changed;

    public async Task DetectAsync(IJSRuntime js, CancellationToken cancellationToken)
    {
        if (IsKnown) return;
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", cancellationToken, "./js/timezone.js");
            var id = await module.InvokeAsync<string?>("timeZone", cancellationToken);
            if (id is null || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return;   // unknown zone: keep UTC, labelled
            Zone = zone;
        }
        catch (JSDisconnectedException)
        {
            return;   // the tab closed while asking; nobody is left to show times to
        }
        catch (Exception exception) when (exception is JSException or OperationCanceledException or TaskCanceledException)
        {
            return;   // an old browser without Intl, or a slow start: times stay in UTC and say so
        }
        IsKnown = true;
        Changed?.Invoke();
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
