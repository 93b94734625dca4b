using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Alerting;
using OpsConsole.Identity;
using OpsConsole.Monitoring;
using OpsConsole.Scoring;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Review;

/// <summary>Reviews of flagged predictions: the queue, confirmations and corrections, and the correction rate they feed.</summary>
public class ReviewApiTests(TestApp app)
{
    static readonly string[] BadFields = ["label", "note", "source"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Logs <paramref name="count"/> "yes" predictions of v1 (durably, so they can be flagged at once) and returns their ids.</summary>
    async Task<IReadOnlyList<string>> LoggedAsync(HttpClient engineer, string model, int count, string? segment = null)
    {
        var response = await engineer.PostAsJsonAsync("/api/predictions", new
        {
            model, version = 1,
            predictions = Enumerable.Range(0, count).Select(i => new { timestamp = TestApp.Now.AddSeconds(-count + i), features = new { a = i, b = 1.5, c = -1 }, label = "yes", confidence = 0.55, segment }).ToArray(),
        }, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IngestResponse>(Cancel))!.PredictionIds;
    }

    static async Task<ReviewView> ReviewOkAsync(HttpClient reviewer, string id, object body)
    {
        var response = await reviewer.PostAsJsonAsync($"/api/predictions/{id}/review", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReviewView>(Registry.RegistryJson.Options, TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task Flagged_predictions_queue_oldest_first_and_a_review_settles_them_with_an_outcome_and_an_audit_entry()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var ids = await LoggedAsync(engineer, model, 4);
        foreach (var id in ids.Take(3)) (await engineer.PostAsJsonAsync($"/api/predictions/{id}/flag", new { reason = "looks wrong" }, Cancel)).EnsureSuccessStatusCode();
        (await engineer.PostAsJsonAsync($"/api/predictions/{ids[0]}/flag", new { reason = "still wrong" }, Cancel)).EnsureSuccessStatusCode();
        using var reviewerKey = await app.AsRoleAsync(Identity.Roles.Reviewer);

        var before = await reviewerKey.GetFromJsonAsync<QueueView>($"/api/review/queue?model={model}", Registry.RegistryJson.Options, Cancel);
        var corrected = await ReviewOkAsync(reviewerKey, ids[0], new { label = "no", note = "the merchant is known" });
        var confirmed = await ReviewOkAsync(reviewerKey, ids[1], new { label = "yes" });
        var after = await reviewerKey.GetFromJsonAsync<QueueView>($"/api/review/queue?model={model}", Registry.RegistryJson.Options, Cancel);

        Assert.Equal(3, before!.Pending);
        Assert.Equal(ids.Take(3), before.Items.Select(i => i.PredictionId));   // oldest flag first
        Assert.Equal((2, "still wrong"), (before.Items[0].Flags, before.Items[0].Reason));   // the latest reason, both flags counted
        Assert.Equal(YesNo, before.Items[0].Labels);
        Assert.Equal(("yes", "no", true, "reviewer"), (corrected.PredictedLabel, corrected.Label, corrected.Changed, corrected.Source));
        Assert.False(confirmed.Changed);
        Assert.Equal([ids[2]], after!.Items.Select(i => i.PredictionId));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var outcome = await db.PredictionOutcomes.SingleAsync(o => o.PredictionId == ids[0], Cancel);
        Assert.Equal("no", outcome.Label);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(PredictionReview) && a.EntityId == corrected.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel);
        Assert.Equal(corrected.ReviewedBy, audit.ActorName);
        Assert.Equal(AuditActions.Created, audit.Action);
    }

    [Fact]
    public async Task A_flag_raised_after_a_review_reopens_the_prediction()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var id = (await LoggedAsync(engineer, model, 1))[0];
        using var reviewer = await app.AsRoleAsync(Identity.Roles.Reviewer);
        (await engineer.PostAsJsonAsync($"/api/predictions/{id}/flag", new { reason = "first look" }, Cancel)).EnsureSuccessStatusCode();
        await ReviewOkAsync(reviewer, id, new { label = "yes" });
        var settled = await reviewer.GetFromJsonAsync<QueueView>($"/api/review/queue?model={model}", Registry.RegistryJson.Options, Cancel);
        await Task.Delay(5, Cancel);   // the new flag is strictly later than the review
        (await engineer.PostAsJsonAsync($"/api/predictions/{id}/flag", new { reason = "a customer complained" }, Cancel)).EnsureSuccessStatusCode();

        var reopened = await reviewer.GetFromJsonAsync<QueueView>($"/api/review/queue?model={model}", Registry.RegistryJson.Options, Cancel);
        var history = await reviewer.GetFromJsonAsync<List<ReviewView>>($"/api/predictions/{id}/reviews", Registry.RegistryJson.Options, Cancel);

        Assert.Equal(0, settled!.Pending);
        Assert.Equal(("a customer complained", 1), (reopened!.Items.Single().Reason, reopened.Pending));
        Assert.Single(history!);
    }

    [Fact]
    public async Task Bad_reviews_name_each_field_and_unknown_predictions_shadow_rows_and_viewers_are_refused()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var id = (await LoggedAsync(engineer, model, 1))[0];
        using var reviewer = await app.AsRoleAsync(Identity.Roles.Reviewer);
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);

        var bad = await reviewer.PostAsJsonAsync($"/api/predictions/{id}/review", new { label = "", note = new string('x', 1001), source = "robot" }, Cancel);
        var notALabel = await reviewer.PostAsJsonAsync($"/api/predictions/{id}/review", new { label = "maybe" }, Cancel);
        var unknown = await reviewer.PostAsJsonAsync("/api/predictions/0123456789abcdef0123456789abcdef/review", new { label = "yes" }, Cancel);
        var forbidden = await viewer.PostAsJsonAsync($"/api/predictions/{id}/review", new { label = "no" }, Cancel);
        var badTake = await reviewer.GetAsync("/api/review/queue?take=0", Cancel);
        var unknownHistory = await reviewer.GetAsync("/api/predictions/0123456789abcdef0123456789abcdef/reviews", Cancel);
        var emptyHistory = await reviewer.GetFromJsonAsync<List<ReviewView>>($"/api/predictions/{id}/reviews", Registry.RegistryJson.Options, Cancel);

        Assert.Equal(BadFields, (await ErrorFieldsAsync(bad)).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, notALabel.StatusCode);
        Assert.Contains("yes, no", await notALabel.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownHistory.StatusCode);
        Assert.Empty(emptyHistory!);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(["take"], await ErrorFieldsAsync(badTake));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<OpsDbContext>().PredictionReviews.AnyAsync(r => r.PredictionId == id, Cancel));
    }

    [Fact]
    public async Task The_correction_rate_counts_each_reviewed_prediction_once_by_its_latest_review_in_kpis_gauges_and_alerts()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var ids = await LoggedAsync(engineer, model, 5);
        using var reviewer = await app.AsRoleAsync(Identity.Roles.Reviewer);
        // Corrected: 0 and 1 (1 by a product's user). Confirmed: 2 and 3. 4 corrected, then confirmed back: not a correction.
        await ReviewOkAsync(reviewer, ids[0], new { label = "no" });
        await ReviewOkAsync(reviewer, ids[1], new { label = "no", source = "user" });
        await ReviewOkAsync(reviewer, ids[2], new { label = "yes" });
        await ReviewOkAsync(reviewer, ids[3], new { label = "yes" });
        await ReviewOkAsync(reviewer, ids[4], new { label = "no" });
        await ReviewOkAsync(reviewer, ids[4], new { label = "yes" });
        var rule = (await (await engineer.PostAsJsonAsync("/api/alert-rules", new
        {
            template = "correction-rate", model, minimumDenominator = 5, enabled = false,
        }, Cancel)).Content.ReadFromJsonAsync<AlertRuleView>(Cancel))!;
        using var viewer = await app.AsRoleAsync(Identity.Roles.Viewer);
        var gauges = app.Services.GetRequiredService<KpiGauges>();

        var kpis = await viewer.GetFromJsonAsync<KpiView>($"/api/models/{model}/kpis?days=1", Registry.RegistryJson.Options, Cancel);
        await gauges.RefreshAsync(TestApp.Now, Cancel);
        var alert = Assert.Single(await AlertingApi.EvaluateAsync(app, rule.Id, Cancel));

        var today = kpis!.Days[^1];
        Assert.Equal((5L, 2L, 0.4), (today.Reviewed, today.Corrected, today.CorrectionRate!.Value));
        var wilson = WilsonInterval.Of(2, 5)!;
        Assert.Equal(wilson, today.CorrectionInterval);
        Assert.Equal((5L, 0.4), (gauges.Values.Single(v => v.Model == model).Reviewed, gauges.Values.Single(v => v.Model == model).CorrectionRatio!.Value));
        Assert.Equal(0.4, alert.Value);
        Assert.NotEqual(AlertPhase.Inactive, alert.Phase);   // 40 % > the template's 1 % over 5 reviews
    }
}
