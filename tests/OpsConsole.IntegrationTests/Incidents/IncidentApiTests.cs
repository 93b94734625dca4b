using System.Net;
using System.Net.Http.Json;
using OpsConsole.Alerting;
using OpsConsole.Incidents.Runbooks;
using static OpsConsole.Alerting.AlertingApi;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Incidents;

/// <summary>The incident lifecycle through the API: validated transitions, MTTA/MTTR, notes, steps, and conflicts between two editors.</summary>
public class IncidentApiTests(TestApp app)
{
    static readonly string[] NoSuchModel = ["no-such-model"];
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<(HttpClient Engineer, IncidentDetail Incident)> OpenAsync(string severity = "SEV3")
    {
        var engineer = await EngineerAsync(app);
        var model = await ServingModelAsync(app);
        var response = await engineer.PostAsJsonAsync("/api/incidents", new { title = "Scores look off", severity, models = new[] { model }, summary = "Checkout approvals may be wrong.", runbook = "data-drift" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<IncidentDetail>(Cancel))!;
        return (engineer, created);
    }

    static Task<HttpResponseMessage> MoveAsync(HttpClient client, int number, string status, int? revision = null, string? note = null) =>
        client.PostAsJsonAsync($"/api/incidents/{number}/status", new { status, note, revision }, Cancel);

    [Fact]
    public async Task An_incident_moves_through_its_lifecycle_with_acknowledge_and_resolve_times_and_a_timeline()
    {
        var (engineer, incident) = await OpenAsync();
        using var _ = engineer;
        Assert.Equal(("triggered", "manual"), (incident.Status, incident.Source));
        Assert.Equal("data-drift", (await IncidentAsync(engineer, incident.Number, Cancel)).RunbookSlug);

        (await MoveAsync(engineer, incident.Number, "acknowledged")).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync($"/api/incidents/{incident.Number}/notes", new { text = "Looking at the drift heatmap." }, Cancel)).EnsureSuccessStatusCode();
        (await MoveAsync(engineer, incident.Number, "investigating")).EnsureSuccessStatusCode();
        (await MoveAsync(engineer, incident.Number, "resolved", note: "Upstream fixed the column.")).EnsureSuccessStatusCode();
        var detail = await IncidentAsync(engineer, incident.Number, Cancel);

        Assert.Equal("resolved", detail.Status);
        Assert.True(detail.MttaSeconds >= 0 && detail.MttrSeconds >= detail.MttaSeconds);
        Assert.Equal((detail.AcknowledgedAt! - detail.OpenedAt).Value.TotalSeconds, detail.MttaSeconds!.Value, 3);
        Assert.Equal(["investigating"], detail.NextStatuses);
        Assert.Equal([TimelineKinds.Opened, TimelineKinds.Status, TimelineKinds.Note, TimelineKinds.Status, TimelineKinds.Status], detail.Timeline!.Select(e => e.Kind));
        Assert.Contains(detail.Timeline!, e => e.Text == "Status: investigating → resolved. Upstream fixed the column.");
        Assert.All(detail.Timeline!, e => Assert.Equal(TimeSpan.Zero, e.At.Offset));
    }

    [Fact]
    public async Task Transitions_are_validated_and_a_resolved_incident_reopens_as_investigating_keeping_its_first_acknowledgement()
    {
        var (engineer, incident) = await OpenAsync();
        using var _ = engineer;
        (await MoveAsync(engineer, incident.Number, "mitigated")).EnsureSuccessStatusCode();

        var backwards = await MoveAsync(engineer, incident.Number, "acknowledged");
        var unknown = await MoveAsync(engineer, incident.Number, "on-fire");
        (await MoveAsync(engineer, incident.Number, "resolved")).EnsureSuccessStatusCode();
        var firstAck = (await IncidentAsync(engineer, incident.Number, Cancel)).AcknowledgedAt;
        var reopenTriggered = await MoveAsync(engineer, incident.Number, "triggered");
        (await MoveAsync(engineer, incident.Number, "investigating", note: "It came back.")).EnsureSuccessStatusCode();
        var reopened = await IncidentAsync(engineer, incident.Number, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, backwards.StatusCode);
        Assert.Contains("cannot go back from mitigated to acknowledged", await backwards.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("status", await ErrorFieldsAsync(unknown));
        Assert.Equal(HttpStatusCode.Conflict, reopenTriggered.StatusCode);
        Assert.Equal(("investigating", firstAck, (DateTimeOffset?)null), (reopened.Status, reopened.AcknowledgedAt, reopened.ResolvedAt));
        Assert.Contains(reopened.Timeline!, e => e.Text.StartsWith("Reopened: resolved → investigating", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_second_of_two_engineers_editing_from_the_same_revision_gets_a_conflict_naming_the_first()
    {
        var (first, incident) = await OpenAsync();
        using var _ = first;
        using var second = await EngineerAsync(app);
        var seen = (await IncidentAsync(first, incident.Number, Cancel)).Revision;

        var winner = await MoveAsync(first, incident.Number, "acknowledged", seen);
        var loser = await second.PostAsJsonAsync($"/api/incidents/{incident.Number}/severity", new { severity = "SEV1", revision = seen }, Cancel);
        var note = await second.PostAsJsonAsync($"/api/incidents/{incident.Number}/notes", new { text = "Notes never conflict." }, Cancel);
        var after = await IncidentAsync(first, incident.Number, Cancel);

        Assert.Equal(HttpStatusCode.OK, winner.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        var problem = await loser.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("changed since you loaded it", problem, StringComparison.Ordinal);
        Assert.Contains("Status: triggered → acknowledged", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Equal(("SEV3", "acknowledged"), (after.Severity, after.Status));   // nothing silently overwritten
    }

    [Fact]
    public async Task Bad_manual_incidents_name_each_field_and_filters_are_checked()
    {
        using var engineer = await EngineerAsync(app);

        var bad = await engineer.PostAsJsonAsync("/api/incidents", new { title = " ", severity = "SEV9", models = NoSuchModel, runbook = "no-such-runbook" }, Cancel);
        var badFilter = await engineer.GetAsync("/api/incidents?status=burning&severity=high", Cancel);
        var missing = await engineer.GetAsync("/api/incidents/999999", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["models", "runbook", "severity", "title"], (await ErrorFieldsAsync(bad)).Order());
        Assert.Equal(["severity", "status"], (await ErrorFieldsAsync(badFilter)).Order());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Ticking_a_runbook_step_records_who_and_when_and_the_step_text()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var rule = await ViolationRuleAsync(engineer, model, Cancel);
        await BreakContractAsync(app, engineer, model, 1, Cancel);
        var number = Assert.Single(await EvaluateAsync(app, rule.Id, Cancel)).IncidentNumber!.Value;
        var runbook = (await engineer.GetFromJsonAsync<RunbookView>("/api/runbooks/schema-break", Cancel))!;

        var tick = await engineer.PostAsJsonAsync($"/api/incidents/{number}/steps/1", new { done = true }, Cancel);
        var twice = await engineer.PostAsJsonAsync($"/api/incidents/{number}/steps/1", new { done = true }, Cancel);
        var outOfRange = await engineer.PostAsJsonAsync($"/api/incidents/{number}/steps/{runbook.Steps.Count}", new { done = true }, Cancel);
        var detail = (await engineer.GetFromJsonAsync<IncidentDetailJson>($"/api/incidents/{number}", Cancel))!;

        Assert.Equal(HttpStatusCode.OK, tick.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var step = Assert.Single(detail.Steps);
        Assert.Equal((1, runbook.Steps[1].Text), (step.Index, step.Text));
        Assert.Contains("eng-", step.CheckedBy, StringComparison.Ordinal);
        Assert.Contains(detail.Timeline, e => e.Kind == TimelineKinds.RunbookStep && e.Text == $"Done: step 2, {runbook.Steps[1].Text}" && e.Actor == step.CheckedBy);
    }

    sealed record IncidentDetailJson(List<StepCheckView> Steps, List<TimelineEntryView> Timeline);
}
