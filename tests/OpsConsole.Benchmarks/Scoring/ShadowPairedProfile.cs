using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Monitoring;

namespace OpsConsole.Scoring;

/// <summary>
/// Shadow overhead measured in pairs (<c>./OpsConsole.Benchmarks profile-shadow [pairs] [calls]</c>, from the Release
/// build output). <see cref="ShadowOverheadBenchmarks"/> runs "no shadow" and "two shadows" in separate processes
/// minutes apart, and on a shared two-core machine their p50s moved by more than the 5 % the target is about from one
/// run to the next. Here one console serves two models of the same artifact, one without shadows and one with two, and
/// scores them in alternating blocks of single calls (ABBA order, so neither always goes first), so that whatever the
/// machine does meanwhile falls on both alike. Before a block of the model without shadows, the shadow queue is
/// drained: that block runs with the shadow worker idle, the other with both shadows scoring every request the queue
/// takes. Each pair gives a ratio of p50s; the median ratio and its interquartile range are the result.
/// </summary>
public static class ShadowPairedProfile
{
    static readonly object LinearContract = new
    {
        labels = new[] { "yes", "no" },
        featureSchema = new[] { new { name = "a", type = "number" }, new { name = "b", type = "number" }, new { name = "c", type = "number" } },
    };

    public static async Task RunAsync(int pairs, int calls)
    {
        await using var console = BenchmarkConsole.Start();
        var plain = await console.ServeAsync("linear_classifier.onnx", LinearContract, versions: 3, shadows: 0, suffix: "-plain");
        var shadowed = await console.ServeAsync("linear_classifier.onnx", LinearContract, versions: 3, shadows: 2, suffix: "-shadowed");
        var scorer = console.Services.GetRequiredService<RecordScorer>();
        var queue = console.Services.GetRequiredService<ShadowQueue>();
        var request = new ScoreRequest([new Dictionary<string, JsonElement>
        {
            ["a"] = JsonSerializer.SerializeToElement(1.0), ["b"] = JsonSerializer.SerializeToElement(2.0), ["c"] = JsonSerializer.SerializeToElement(3.0),
        }], null, null);
        var ticks = new long[calls];
        var metrics = console.Services.GetRequiredService<ScoringMetrics>();

        async Task<double> BlockAsync(string model)
        {
            if (model == plain)
            {
                while (queue.Pending > 0) await Task.Delay(5);
                await Task.Delay(50);   // the last item's comparisons are being written
            }
            for (var i = 0; i < calls; i++)
            {
                var started = TimeProvider.System.GetTimestamp();
                var result = await scorer.ScoreAsync(model, request, CancellationToken.None);
                ticks[i] = TimeProvider.System.GetElapsedTime(started).Ticks;
                if (result.Response is null) throw new InvalidOperationException($"{result.Status}: {result.Problem}");
            }
            Array.Sort(ticks);
            return TimeSpan.FromTicks(ticks[calls / 2]).TotalMicroseconds;
        }

        await BlockAsync(plain);   // warm-up: plans read, sessions loaded, code at its final tier
        await BlockAsync(shadowed);
        var droppedBefore = metrics.ShadowDroppedTotal;
        var rows = new List<(double Plain, double Shadowed)>(pairs);
        for (var pair = 0; pair < pairs; pair++)
        {
            double none, two;
            if (pair % 2 == 0) (none, two) = (await BlockAsync(plain), await BlockAsync(shadowed));
            else (two, none) = (await BlockAsync(shadowed), await BlockAsync(plain));
            rows.Add((none, two));
        }

        var ratios = rows.Select(r => r.Shadowed / r.Plain).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Shadow overhead in pairs: {pairs} pairs of {calls} single calls, p50 without shadows median {Median(rows.Select(r => r.Plain))} us, with two shadows median {Median(rows.Select(r => r.Shadowed))} us"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p50 ratio (two shadows / none): median {Quantiles.Type7(ratios, 0.5):0.000}, interquartile range {Quantiles.Type7(ratios, 0.25):0.000}–{Quantiles.Type7(ratios, 0.75):0.000}, pairs above 1.05: {ratios.Count(r => r > 1.05)} of {pairs}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Requests not shadowed because the shadow queue was full: {metrics.ShadowDroppedTotal - droppedBefore} of {pairs * calls}"));
    }

    static string Median(IEnumerable<double> values) => Quantiles.Type7([.. values.Order()], 0.5).ToString("0.0", CultureInfo.InvariantCulture);
}
