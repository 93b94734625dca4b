using System.Net.Http.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Components.Shell;
using OpsConsole.Identity;
using OpsConsole.Scoring;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Review;

/// <summary>The review queue page on the shared database: a reviewer works through flagged predictions from the keyboard.</summary>
public sealed class ReviewPageTests(TestApp app)
{
    static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The page as a link from a model's pages opens it: <c>/review?model=…</c>.</summary>
    static IRenderedComponent<ReviewPage> RenderFor(BunitContext ctx, string model)
    {
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("model", model));
        return ctx.Render<ReviewPage>();
    }

    [Fact]
    public async Task A_reviewer_corrects_one_prediction_with_a_number_key_keeping_the_note_and_confirms_the_next_with_enter()
    {
        var model = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var logged = await engineer.PostAsJsonAsync("/api/predictions", new
        {
            model, version = 1,
            predictions = new[]
            {
                new { timestamp = TestApp.Now.AddMinutes(-2), features = new { a = 1.0, b = 2.0, c = 3.0 }, label = "yes", confidence = 0.51 },
                new { timestamp = TestApp.Now.AddMinutes(-1), features = new { a = 4.0, b = 5.0, c = 6.0 }, label = "yes", confidence = 0.97 },
            },
        }, Cancel);
        var ids = (await logged.Content.ReadFromJsonAsync<IngestResponse>(Cancel))!.PredictionIds;
        foreach (var id in ids) (await engineer.PostAsJsonAsync($"/api/predictions/{id}/flag", new { reason = "customer disputes it" }, Cancel)).EnsureSuccessStatusCode();
        var email = $"reviewer-{Guid.NewGuid():N}@tests.opsconsole";
        await using var ctx = AppComponents.Create(app, Roles.Reviewer, email);

        var page = RenderFor(ctx, model);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#review-list .mud-list-item").Count));
        Assert.Equal("2 pending", page.Find("#review-pending").TextContent.Trim());
        Assert.Contains("customer disputes it", page.Find("#review-detail").TextContent, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "c"], page.FindAll("#review-features td:first-child").Select(td => td.TextContent));
        Assert.Equal(["1yes(confirm)", "2no"], page.FindAll("#review-detail button[id^=review-label-]").Select(b => b.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim()));

        page.Find("#review-note").Input("called the customer");   // typed, then the key: the note goes with the key's choice
        var keys = page.FindComponent<KeyboardShortcuts>().Instance;
        await page.InvokeAsync(() => keys.OnShortcut("2"));   // the oldest: corrected to "no"
        page.WaitForAssertion(() => Assert.Equal("1 pending", page.Find("#review-pending").TextContent.Trim()));
        await page.InvokeAsync(() => page.FindComponent<KeyboardShortcuts>().Instance.OnShortcut("Enter"));   // the next: confirmed

        page.WaitForAssertion(() => Assert.Equal("Nothing to review", page.Find(".empty-state-title").TextContent.Trim()));
        await using var scope = ctx.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var reviews = await db.PredictionReviews.Where(r => r.Model == model).OrderBy(r => r.Id).ToListAsync(Cancel);
        Assert.Equal([(ids[0], "no", true, email, "called the customer"), (ids[1], "yes", false, email, null)],
            reviews.Select(r => (r.PredictionId, r.Label, r.Changed, r.ReviewedBy, r.Note)));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PredictionReview) && a.EntityId == reviews[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && a.ActorName == email, Cancel));
    }

    [Fact]
    public async Task A_link_to_another_models_queue_while_the_page_is_open_shows_that_models_queue()
    {
        var flagged = await ServingModelAsync(app);
        var quiet = await ServingModelAsync(app);
        using var engineer = await EngineerAsync(app);
        var logged = await engineer.PostAsJsonAsync("/api/predictions", new
        {
            model = flagged, version = 1,
            predictions = new[] { new { timestamp = TestApp.Now.AddMinutes(-1), features = new { a = 1.0, b = 2.0, c = 3.0 }, label = "yes", confidence = 0.55 } },
        }, Cancel);
        var id = (await logged.Content.ReadFromJsonAsync<IngestResponse>(Cancel))!.PredictionIds[0];
        (await engineer.PostAsJsonAsync($"/api/predictions/{id}/flag", new { reason = "looks wrong" }, Cancel)).EnsureSuccessStatusCode();
        await using var ctx = AppComponents.Create(app, Roles.Reviewer);

        var page = RenderFor(ctx, quiet);
        page.WaitForAssertion(() => Assert.Equal("0 pending", page.Find("#review-pending").TextContent.Trim()));
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        await page.InvokeAsync(() => navigation.NavigateTo(navigation.GetUriWithQueryParameter("model", flagged)));

        page.WaitForAssertion(() => Assert.Equal("1 pending", page.Find("#review-pending").TextContent.Trim()));
        Assert.Contains("looks wrong", page.Find("#review-detail").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_of_a_model_without_flags_explains_how_predictions_get_there()
    {
        var model = await ServingModelAsync(app);
        await using var ctx = AppComponents.Create(app, Roles.Reviewer);

        var page = RenderFor(ctx, model);

        page.WaitForAssertion(() => Assert.Equal("Nothing to review", page.Find(".empty-state-title").TextContent.Trim()));
        Assert.Contains("POST /api/predictions/{id}/flag", page.Find(".empty-state").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 pending", page.Find("#review-pending").TextContent.Trim());
        Assert.Empty(page.FindComponents<KeyboardShortcuts>());
    }
}
