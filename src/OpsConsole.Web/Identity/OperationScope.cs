using Microsoft.AspNetCore.Components.Authorization;

namespace OpsConsole.Identity;

/// <summary>
/// A fresh DI scope for one operation started from a component. A circuit lives for hours, so services that hold a
/// DbContext (Identity's UserManager) are resolved per operation; the scope's audit actor is the circuit's user.
/// </summary>
public sealed class OperationScope(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<AsyncServiceScope> BeginAsync()
    {
        var scope = scopes.CreateAsyncScope();
        var state = await authentication.GetAuthenticationStateAsync();
        scope.ServiceProvider.GetRequiredService<AuditActor>().UseCircuitUser(state.User);
        return scope;
    }
}
