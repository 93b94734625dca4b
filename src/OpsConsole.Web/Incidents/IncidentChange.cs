using OpsConsole.Registry;

namespace OpsConsole.Incidents;

/// <summary>
/// One change to an incident, as a part of the incident page asks for it. The page runs it in an operation scope
/// (so the audit names the viewer), with the viewer's name and the revision the page loaded, and shows the outcome.
/// </summary>
public delegate Task<Outcome<IncidentView>> IncidentChange(IServiceProvider services, string actor, int revision, CancellationToken cancellationToken);
