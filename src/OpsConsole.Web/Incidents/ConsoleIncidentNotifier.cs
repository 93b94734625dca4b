using OpsConsole.Identity;
using OpsConsole.Platform;

namespace OpsConsole.Incidents;

/// <summary>Shows a toast to every Engineer (and above) for a SEV1 or SEV2 incident; quieter tiers only appear in the lists.</summary>
public sealed class ConsoleIncidentNotifier(NotificationSender sender) : IIncidentNotifier
{
    public async Task NotifyAsync(IncidentNotice notice, CancellationToken cancellationToken)
    {
        if (!notice.Pages) return;
        var drill = notice.IsDrill ? "Drill: " : "";
        var models = notice.Models.Count > 0 ? $" on {string.Join(", ", notice.Models)}" : "";
        await sender.SendAsync(new NewNotification(null, Roles.Engineer, $"{drill}{notice.Severity} incident #{notice.Number}{models}",
            $"{notice.Title}. {notice.Reason}", notice.Severity == "SEV1" ? "error" : "warning", $"/incidents/{notice.Number}"), cancellationToken);
    }
}
