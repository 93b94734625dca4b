using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Scoring;

/// <summary>Shared steps of the scoring tests: a serving model, records, and waiting for the background writers.</summary>
public static class ScoringApi
{
    public static readonly string[] YesNo = ["yes", "no"];
    public static readonly string[] NoYes = ["no", "yes"];

    /// <summary>The linear fixture's contract: three numbers a, b, c; p(yes) = sigmoid(a·0.5 − b·0.25 + c·1 + 0.2) style.</summary>
    public static object Contract(string[]? labels = null) => new
    {
        labels = labels ?? YesNo,
        featureSchema = new[] { new { name = "a", type = "number" }, new { name = "b", type = "number" }, new { name = "c", type = "number" } },
    };

    public static object Records(int count, string? segment = null, string? requestId = null) => new
    {
        records = Enumerable.Range(0, count).Select(i => new { a = i % 7 * 0.5, b = i % 5 * 0.3, c = i % 3 - 1.0 }).ToArray(),
        segment,
        requestId,
    };

    /// <summary>A model with v1 (linear classifier) in production; <paramref name="more"/> further versions uploaded, not staged.</summary>
    public static async Task<string> ServingModelAsync(TestApp app, int more = 0, string[]? moreLabels = null)
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadAsync(author, model, UniqueFixture("linear_classifier.onnx"), Contract());
        for (var i = 0; i < more; i++) (await UploadAsync(author, model, UniqueFixture("linear_classifier.onnx"), Contract(moreLabels))).EnsureSuccessStatusCode();
        (await StageAsync(approver, model, 1, "production", "serve it")).EnsureSuccessStatusCode();
        return model;
    }

    public static async Task<ScoreResponse> ScoreOkAsync(HttpClient client, string model, object body, CancellationToken cancellationToken)
    {
        var response = await client.PostAsJsonAsync($"/api/score/{model}", body, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ScoreResponse>(cancellationToken))!;
    }

    /// <summary>Polls a count in the database until it reaches <paramref name="atLeast"/> (background writers are asynchronous by design).</summary>
    public static async Task<int> WaitForCountAsync(TestApp app, Func<OpsDbContext, Task<int>> count, int atLeast, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        var last = 0;
        while (TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(20))
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                last = await count(scope.ServiceProvider.GetRequiredService<OpsDbContext>());
            }
            if (last >= atLeast) return last;
            await Task.Delay(100, cancellationToken);
        }
        return last;
    }

    public static Task<int> PredictionsOf(OpsDbContext db, string model, string? servedBy = null) =>
        db.Predictions.CountAsync(p => p.Model == model && (servedBy == null || p.ServedBy == servedBy));
}
