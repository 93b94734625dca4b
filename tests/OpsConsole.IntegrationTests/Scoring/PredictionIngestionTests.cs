using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Scoring;

/// <summary>External predictions, outcomes and flags: acknowledged only once written, refused field by field otherwise.</summary>
public class PredictionIngestionTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;
    static readonly string[] BadPredictionFields = ["predictions[1].confidence", "predictions[1].features", "predictions[1].latencyMs", "predictions[1].timestamp"];
    static readonly string[] VersionField = ["version"];
    static readonly string[] BadOutcomeFields = ["outcomes[0]", "outcomes[1]", "outcomes[1].label"];
    static readonly string[] ReasonField = ["reason"];

    static object Ingest(string model, int version, int count, string? segment = null) => new
    {
        model,
        version,
        predictions = Enumerable.Range(0, count).Select(i => new
        {
            requestId = $"ext-{model}-{i}", timestamp = TestApp.Now.AddSeconds(-i), features = new { a = i * 0.1, b = 1.0, c = -1.0 },
            label = i % 2 == 0 ? "yes" : "no", confidence = 0.7, latencyMs = 3.5, segment,
        }).ToArray(),
    };

    [Fact]
    public async Task Ingested_predictions_are_in_the_log_when_the_answer_arrives()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);

        var response = await engineer.PostAsJsonAsync("/api/predictions", Ingest(model, 1, 250, "partner"), Cancel);
        var body = await response.Content.ReadFromJsonAsync<IngestResponse>(Cancel);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var rows = await db.Predictions.Where(p => p.Model == model).ToListAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(250, body!.Accepted);
        Assert.Equal(250, rows.Count);   // no waiting: a 200 means written
        Assert.All(rows, r => Assert.Equal(("external", "partner", 3.5), (r.ServedBy, r.Segment, r.LatencyMs)));
        Assert.Equal(body.PredictionIds.Order(), rows.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Ingestion_names_every_bad_field_and_keeps_nothing_from_a_bad_batch()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var bad = new
        {
            model,
            version = 1,
            predictions = new object[]
            {
                new { requestId = "ok", timestamp = TestApp.Now, features = new { a = 1 }, label = "yes" },
                new { requestId = "bad", timestamp = TestApp.Now.AddHours(1), label = "yes", confidence = 1.5, latencyMs = -1 },
            },
        };

        var response = await engineer.PostAsJsonAsync("/api/predictions", bad, Cancel);
        var unknownVersion = await engineer.PostAsJsonAsync("/api/predictions", Ingest(model, 7, 1), Cancel);
        await using var scope = app.Services.CreateAsyncScope();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(BadPredictionFields,
            (await ErrorFieldsAsync(response)).Order(StringComparer.Ordinal));
        Assert.Equal(VersionField, await ErrorFieldsAsync(unknownVersion));
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OpsDbContext>().Predictions.CountAsync(p => p.Model == model, Cancel));
    }

    [Fact]
    public async Task A_writer_that_is_behind_refuses_new_batches_at_once_instead_of_queueing_them_without_bound()
    {
        // A writer that is not started stands for one that is behind: nothing it holds gets written.
        var writer = new PredictionLogWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<Monitoring.RollupNotices>(), Options.Create(new ScoringOptions { IngestionQueueCapacity = 1000 }),
            TimeProvider.System, app.Services.GetRequiredService<ILogger<PredictionLogWriter>>());
        static List<PredictionRecord> Rows(int n) => [.. Enumerable.Range(0, n).Select(_ => new PredictionRecord { Id = Guid.NewGuid().ToString("N"), Model = "m", ServedBy = "external" })];

        var first = writer.TryWriteDurablyAsync(Rows(600));
        var second = writer.TryWriteDurablyAsync(Rows(600));
        var small = writer.TryWriteDurablyAsync(Rows(400));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(small);
        Assert.False(first!.IsCompleted);   // acknowledged only once written
        Assert.Equal(1000, writer.Pending);
    }

    [Fact]
    public async Task Outcomes_join_by_prediction_id_or_request_id_and_late_ones_are_kept()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var ingested = await (await engineer.PostAsJsonAsync("/api/predictions", Ingest(model, 1, 3), Cancel)).Content.ReadFromJsonAsync<IngestResponse>(Cancel);

        var response = await engineer.PostAsJsonAsync("/api/predictions/outcomes", new
        {
            outcomes = new object[]
            {
                new { predictionId = ingested!.PredictionIds[0], label = "yes" },
                new { requestId = $"ext-{model}-1", label = "no" },
                new { requestId = $"not-yet-{model}", label = "yes" },
            },
        }, Cancel);
        var body = await response.Content.ReadFromJsonAsync<OutcomesResponse>(Cancel);
        var invalid = await engineer.PostAsJsonAsync("/api/predictions/outcomes", new { outcomes = new object[] { new { label = "yes" }, new { predictionId = "x", requestId = "y", label = "" } } }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3, 2), (body!.Accepted, body.Matched));
        Assert.Equal(BadOutcomeFields, (await ErrorFieldsAsync(invalid)).Order(StringComparer.Ordinal));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<OpsDbContext>().PredictionOutcomes.AnyAsync(o => o.RequestId == $"not-yet-{model}", Cancel));
    }

    [Fact]
    public async Task A_flag_on_a_logged_prediction_is_stored_with_who_and_why_and_audited()
    {
        var model = await ServingModelAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);
        var scored = await ScoreOkAsync(client, model, Records(1), Cancel);
        var id = scored.Predictions[0].PredictionId;
        await WaitForCountAsync(app, db => db.Predictions.CountAsync(p => p.Id == id), 1, Cancel);

        var flagged = await client.PostAsJsonAsync($"/api/predictions/{id}/flag", new { reason = "customer disputes it" }, Cancel);
        var unknown = await client.PostAsJsonAsync("/api/predictions/0123456789abcdef0123456789abcdef/flag", new { reason = "?" }, Cancel);
        var noReason = await client.PostAsJsonAsync($"/api/predictions/{id}/flag", new { reason = " " }, Cancel);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();

        Assert.Equal(HttpStatusCode.Created, flagged.StatusCode);
        var flag = await db.PredictionFlags.SingleAsync(f => f.PredictionId == id, Cancel);
        Assert.Equal((model, "customer disputes it"), (flag.Model, flag.Reason));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PredictionFlag) && a.EntityId == flag.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(ReasonField, await ErrorFieldsAsync(noReason));
    }

    [Fact]
    public async Task Retention_deletes_rows_older_than_the_configured_days_and_keeps_recent_ones()
    {
        var model = UniqueName("ret");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            db.Predictions.AddRange(
                new PredictionRecord { Id = Guid.NewGuid().ToString("N"), Model = model, ServedBy = "external", At = TestApp.Now.AddDays(-45) },
                new PredictionRecord { Id = Guid.NewGuid().ToString("N"), Model = model, ServedBy = "external", At = TestApp.Now.AddDays(-1) });
            db.ShadowComparisons.Add(new ShadowComparisonRecord { Model = model, At = TestApp.Now.AddDays(-45) });
            await db.SaveChangesAsync(Cancel);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PredictionRetentionJob>().RunAsync(Cancel);
            var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
            var left = await db.Predictions.Where(p => p.Model == model).Select(p => p.At).ToListAsync(Cancel);
            Assert.Single(left);
            Assert.True(left[0] > TestApp.Now.AddDays(-2));
            Assert.False(await db.ShadowComparisons.AnyAsync(c => c.Model == model, Cancel));
        }
    }
}
