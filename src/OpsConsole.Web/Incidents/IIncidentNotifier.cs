namespace OpsConsole.Incidents;

/// <summary>What a notifier is told: an incident opened or re-fired, with who it concerns.</summary>
public sealed record IncidentNotice(int Number, string Title, string Severity, bool Pages, bool IsDrill, IReadOnlyList<string> Models, IReadOnlyList<string> Assignees, string Reason);

/// <summary>
/// The one seam through which incidents reach people. The console's own notifier shows toasts to Engineers; the
/// on-call module adds pagers behind this interface. A notifier that reaches outside the console must skip drills
/// (<see cref="IncidentNotice.IsDrill"/>): drills never page anyone outside it.
/// </summary>
public interface IIncidentNotifier
{
    Task NotifyAsync(IncidentNotice notice, CancellationToken cancellationToken);
}
