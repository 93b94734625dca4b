using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace OpsConsole.Platform;

/// <summary>
/// The open hub connections of each identity on this server, so that revoking a key, locking a user or changing a role
/// ends the connections that joined their groups under the old rights (group membership is fixed at connect time).
/// </summary>
public sealed class HubConnections
{
    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byIdentity = new(StringComparer.Ordinal);

    public void Opened(string identity, HubCallerContext connection) =>
        _byIdentity.GetOrAdd(identity, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Closed(string identity, string connectionId)
    {
        if (_byIdentity.TryGetValue(identity, out var connections)) connections.TryRemove(connectionId, out _);
    }

    /// <summary>Aborts every open connection of the identity; clients reconnect and join the groups their rights allow now.</summary>
    public int Disconnect(string identity)
    {
        if (!_byIdentity.TryRemove(identity, out var connections)) return 0;
        foreach (var connection in connections.Values) connection.Abort();
        return connections.Count;
    }
}
