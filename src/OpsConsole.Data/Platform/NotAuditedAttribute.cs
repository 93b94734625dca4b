namespace OpsConsole.Platform;

/// <summary>
/// Marks an entity, or a property, whose changes are bookkeeping rather than decisions (a heartbeat, a key's last-used time):
/// the audit interceptor skips it. Use sparingly; the default is that every change is audited.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
