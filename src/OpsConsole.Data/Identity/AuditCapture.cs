using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using OpsConsole.Platform;

namespace OpsConsole.Identity;

/// <summary>One change seen before the save; turned into an <see cref="AuditEntry"/> after it, when generated keys exist.</summary>
sealed class AuditCapture(EntityEntry entry, string action, Dictionary<string, object?> changes, string? actorId, string actorName, DateTimeOffset at)
{
    // A deleted entity is detached by the save, so its key is read now; an added one gets its key from the save.
    readonly string? _keyBeforeSave = entry.State == EntityState.Added ? null : KeyOf(entry);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // Attribute lookups by reflection cost more than the rest of the capture; a type's answers never change.
    static readonly ConcurrentDictionary<Type, bool> AuditedTypes = new();
    static readonly ConcurrentDictionary<Type, HashSet<string>> SkippedProperties = new();

    public static List<AuditCapture> Collect(ChangeTracker tracker, IAuditActor actor, DateTimeOffset now)
    {
        tracker.DetectChanges();
        var captures = new List<AuditCapture>();
        foreach (var entry in tracker.Entries())
        {
            var changed = entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;
            if (!changed || !AuditedTypes.GetOrAdd(entry.Metadata.ClrType, IsAudited)) continue;
            var changes = Describe(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;   // only bookkeeping changed
            captures.Add(new AuditCapture(entry, ActionOf(entry.State), changes, actor.Id, actor.Name, now));
        }
        return captures;
    }

    public AuditEntry ToEntry() => new()
    {
        At = at,
        ActorId = actorId,
        ActorName = actorName,
        EntityType = EntityName(entry.Metadata.ClrType),
        EntityId = _keyBeforeSave ?? KeyOf(entry),
        Action = action,
        Changes = JsonSerializer.Serialize(changes, Json),
    };

    static bool IsAudited(Type type) =>
        type != typeof(AuditEntry)
        && type != typeof(DataProtectionKey)   // its XML is key material
        && type.GetCustomAttribute<NotAuditedAttribute>() is null
        && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IdentityUserToken<>));

    static HashSet<string> NotAuditedProperties(Type type) =>
        [.. type.GetProperties().Where(p => p.GetCustomAttribute<NotAuditedAttribute>() is not null).Select(p => p.Name)];

    static string ActionOf(EntityState state) => state switch
    {
        EntityState.Added => AuditActions.Created,
        EntityState.Deleted => AuditActions.Deleted,
        _ => AuditActions.Updated,
    };

    static Dictionary<string, object?> Describe(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var skipped = SkippedProperties.GetOrAdd(entry.Metadata.ClrType, NotAuditedProperties);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (skipped.Contains(name)) continue;
            var secret = AuditRedaction.IsSecret(name);
            switch (entry.State)
            {
                case EntityState.Added when !property.IsTemporary:
                    changes[name] = secret ? AuditRedaction.Mask : property.CurrentValue;
                    break;
                case EntityState.Deleted:
                    changes[name] = secret ? AuditRedaction.Mask : property.OriginalValue;
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = secret
                        ? new AuditValueChange(AuditRedaction.Mask, AuditRedaction.Mask)
                        : new AuditValueChange(property.OriginalValue, property.CurrentValue);
                    break;
            }
        }
        return changes;
    }

    static string KeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key
            ? string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)))
            : "";

    static string EntityName(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
}

/// <summary>A modified value as the audit log shows it.</summary>
public sealed record AuditValueChange(object? Before, object? After);
