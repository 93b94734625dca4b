using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace OpsConsole.Identity;

/// <summary>Hands the circuit's signed-in user to the scoped <see cref="AuditActor"/>, since a circuit has no HttpContext.</summary>
public sealed class AuditCircuitHandler(AuthenticationStateProvider authentication, AuditActor actor) : CircuitHandler, IDisposable
{
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        actor.UseCircuitUser((await authentication.GetAuthenticationStateAsync()).User);
    }

    void OnChanged(Task<AuthenticationState> state) => _ = UpdateAsync(state);

    async Task UpdateAsync(Task<AuthenticationState> state) => actor.UseCircuitUser((await state).User);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
