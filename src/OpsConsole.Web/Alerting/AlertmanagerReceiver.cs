using Microsoft.EntityFrameworkCore;
using OpsConsole.Incidents;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

/// <summary>What the receiver did with one notification: the group, its status, how many alerts it carried, the incident (if any), and what muted it.</summary>
public sealed record AlertmanagerReceipt(string GroupKey, string Status, int Alerts, int? IncidentNumber, string? MutedBy);

/// <summary>
/// Alertmanager's webhook (payload version 4) into the console's incidents: one group notification is one alert group,
/// keyed by Alertmanager's <c>groupKey</c>; the first firing notification opens the group and its incident, later ones
/// add or resolve alerts in it, and <c>status: resolved</c> resolves the group and its incident. Repeats of the same
/// notification change nothing (Alertmanager resends on its repeat interval). Silences and inhibition apply as they do
/// to the console's own rules.
/// </summary>
public sealed class AlertmanagerReceiver(OpsDbContext db, AlertRouter router, IncidentStore incidents, LiveEvents live, TimeProvider time, ILogger<AlertmanagerReceiver> logger)
{
    public const string Actor = "alertmanager";

    public async Task<(AlertmanagerReceipt? Receipt, Dictionary<string, string[]> Errors)> ReceiveAsync(Stream body, CancellationToken cancellationToken)
    {
        // Read as text first, so a wrong type names its field (alerts[1].startsAt) instead of failing inside the deserializer.
        using var reader = new StreamReader(body);
        var (payload, errors) = AlertmanagerWebhook.Read(await reader.ReadToEndAsync(cancellationToken));
        if (errors.Count == 0) errors = AlertmanagerWebhook.Check(payload);
        if (errors.Count > 0) return (null, errors);
        var group = AlertmanagerWebhook.ToGroup(payload!);
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                var receipt = await ApplyAsync(group, cancellationToken);
                logger.AlertmanagerGroup(group.GroupKey, receipt.Status, receipt.Alerts, receipt.IncidentNumber);
                return (receipt, errors);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Alertmanager retries a slow delivery, and two deliveries of one group can race: the second joins the first.
            }
        }
    }

    async Task<AlertmanagerReceipt> ApplyAsync(ExternalAlertGroup external, CancellationToken cancellationToken)
    {
        var key = AlertGrouping.Fit("alertmanager:" + external.GroupKey);
        var status = external.IsResolved ? "resolved" : "firing";
        var open = await db.AlertGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.OpenKey == key, cancellationToken);
        var incident = open?.IncidentId is { } id ? await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : null;
        if (open is null && external.IsResolved) return new AlertmanagerReceipt(external.GroupKey, status, external.Alerts.Count, null, null);
        if (open is null)
        {
            var mutedBy = await router.MutedByAsync(external.Labels, external.Model, external.Severity, time.GetUtcNow(), cancellationToken);
            if (mutedBy is not null) return new AlertmanagerReceipt(external.GroupKey, status, external.Alerts.Count, null, mutedBy);
            return await OpenAsync(external, key, cancellationToken);
        }

        foreach (var alert in external.Alerts)
        {
            var member = open.Members.SingleOrDefault(m => m.Fingerprint == AlertGrouping.Fit(alert.Fingerprint, 400));
            if (member is null)
            {
                open.Members.Add(Member(alert));
                if (incident is not null) incidents.Record(incident, alert.IsResolved ? TimelineKinds.AlertResolved : TimelineKinds.AlertFired, Actor, Describe(alert));
            }
            else if (member.IsResolved != alert.IsResolved)
            {
                (member.IsResolved, member.EndsAt) = (alert.IsResolved, alert.EndsAt);
                if (incident is not null) incidents.Record(incident, alert.IsResolved ? TimelineKinds.AlertResolved : TimelineKinds.AlertFired, Actor, Describe(alert));
            }
        }
        if (external.IsResolved)
        {
            (open.OpenKey, open.ResolvedAt) = (null, time.GetUtcNow());
        }
        await db.SaveChangesAsync(cancellationToken);
        if (external.IsResolved && incident is not null && IncidentLifecycle.IsOpen(incident.Status))
        {
            await incidents.ChangeStatusAsync(incident.Number, IncidentLifecycle.Name(IncidentStatus.Resolved), "Alertmanager resolved every alert of the group.", null, Actor, cancellationToken);
        }
        else if (incident is not null)
        {
            await live.PublishAsync(new IncidentChanged(incident.Number, TimelineKinds.AlertFired, IncidentRules.Name(incident.Severity), IncidentLifecycle.Name(incident.Status), false, Actor));
        }
        return new AlertmanagerReceipt(external.GroupKey, status, external.Alerts.Count, incident?.Number, null);
    }

    async Task<AlertmanagerReceipt> OpenAsync(ExternalAlertGroup external, string key, CancellationToken cancellationToken)
    {
        // Alertmanager's labels and annotations are free text of any length; the columns are not.
        var (title, model) = (AlertGrouping.Clip(external.Title, IncidentRules.MaxTitleLength), external.Model is { } m ? AlertGrouping.Clip(m, 64) : null);
        var (runbook, origin) = (external.RunbookUrl is { Length: <= 1000 } r ? r : null, external.ExternalUrl is { Length: <= 1000 } u ? u : null);
        var opening = new IncidentOpening(title, external.Severity, IncidentSource.Alertmanager, model is null ? [] : [(model, null)],
            key, null, runbook, false, $"{external.Alerts.Count(a => !a.IsResolved)} alert(s) firing in Alertmanager group {external.GroupKey}.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incident = await incidents.AddAsync(opening, Actor, cancellationToken);
        var group = new AlertGroup
        {
            GroupKey = key, OpenKey = key, Source = IncidentSource.Alertmanager, Title = title, Severity = external.Severity, Model = model,
            Labels = new(external.Labels), RunbookUrl = runbook, ExternalUrl = origin,
            OpenedAt = external.Alerts.Min(a => a.StartsAt), Members = [.. external.Alerts.Select(Member)],
        };
        db.AlertGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        group.IncidentId = incident.Id;
        incidents.Record(incident, TimelineKinds.Opened, Actor, $"Opened as {IncidentRules.Name(incident.Severity)} from Alertmanager group {external.GroupKey}.");
        foreach (var alert in external.Alerts) incidents.Record(incident, TimelineKinds.AlertFired, Actor, Describe(alert));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await incidents.AnnounceOpenedAsync(incident, Actor, opening.Reason, cancellationToken);
        return new AlertmanagerReceipt(external.GroupKey, "firing", external.Alerts.Count, incident.Number, null);
    }

    static AlertGroupMember Member(ExternalAlert alert) => new()
    {
        Fingerprint = AlertGrouping.Fit(alert.Fingerprint, 400), Labels = new(alert.Labels), Annotations = new(alert.Annotations), IsResolved = alert.IsResolved, StartsAt = alert.StartsAt, EndsAt = alert.EndsAt,
    };

    static string Describe(ExternalAlert alert)
    {
        var name = alert.Labels.GetValueOrDefault("alertname") ?? "alert";
        var summary = alert.Annotations.GetValueOrDefault("summary") ?? alert.Annotations.GetValueOrDefault("description");
        var labels = string.Join(", ", alert.Labels.Where(l => l.Key != "alertname").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        return $"{(alert.IsResolved ? "Resolved" : "Firing")} in Alertmanager: {name}" + (labels.Length > 0 ? $" ({labels})" : "") + (summary is null ? "." : $": {summary}");
    }
}
