using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace OpsConsole.Identity;

/// <summary>Hands the circuit's signed-in user to the scoped <see cref="AuditActor"/>, since a circuit has no HttpContext.</summary>
public sealed class AuditCircuitHandler(AuthenticationStateProvider authentication, AuditActor actor) : CircuitHandler, IDisposable
{
    // Opened runs once per circuit; ConnectionUp runs again on every reconnect and would subscribe twice.
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        actor.UseCircuitUser((await authentication.GetAuthenticationStateAsync()).User);
    }

    // The event hands over a task; the user is taken when it completes. Nothing awaits an event handler.
    void OnChanged(Task<AuthenticationState> state) =>
        state.ContinueWith(t => actor.UseCircuitUser(t.GetAwaiter().GetResult().User), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
