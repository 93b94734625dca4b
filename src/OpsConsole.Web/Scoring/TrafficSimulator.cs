using System.Collections.Concurrent;
using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

public sealed record SimulatorSettings(double RequestsPerSecond, IReadOnlyList<string>? Segments, double OutcomeShare = 0.3);
public sealed record SimulatorStatus(string Model, bool Running, double RequestsPerSecond, IReadOnlyList<string> Segments, long Sent, long Failed, DateTimeOffset? StartedAt, string? StartedBy);

/// <summary>
/// Demo traffic for a model, so a newcomer sees the live panel, shadows and fallbacks move: random records drawn from
/// the serving version's contract (numbers uniform in their range, categories uniform), spread over the given
/// segments, scored in-process through the same <see cref="RecordScorer"/> as the API at the chosen rate. A share of
/// predictions later gets an outcome (the predicted label, wrong one time in five) so accuracy has labels to join.
/// </summary>
public sealed class TrafficSimulator(IServiceScopeFactory scopes, RecordScorer scorer, ServingDirectory directory, TimeProvider time, ILogger<TrafficSimulator> logger) : BackgroundService
{
    public const double MaxRequestsPerSecond = 200;
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    sealed class Run
    {
        public required SimulatorSettings Settings;
        public required DateTimeOffset StartedAt;
        public required string StartedBy;
        public long Sent, Failed;
        public double Owed;
    }

    readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);
    readonly Random _random = new();

    public static Dictionary<string, string[]> Check(SimulatorSettings settings)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!double.IsFinite(settings.RequestsPerSecond) || settings.RequestsPerSecond <= 0 || settings.RequestsPerSecond > MaxRequestsPerSecond)
            errors["requestsPerSecond"] = [$"Choose a rate above 0 and at most {MaxRequestsPerSecond} requests per second."];
        if (settings.Segments is { Count: > 20 } || settings.Segments?.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 100) == true)
            errors["segments"] = ["Give at most 20 segment names of 1 to 100 characters."];
        if (settings.OutcomeShare is < 0 or > 1 || double.IsNaN(settings.OutcomeShare)) errors["outcomeShare"] = ["A share is between 0 and 1."];
        return errors;
    }

    public void Start(string model, SimulatorSettings settings, string by) =>
        _runs[model] = new Run { Settings = settings, StartedAt = time.GetUtcNow(), StartedBy = by };

    public bool Stop(string model) => _runs.TryRemove(model, out _);

    public SimulatorStatus Status(string model) => _runs.TryGetValue(model, out var run)
        ? new SimulatorStatus(model, true, run.Settings.RequestsPerSecond, run.Settings.Segments ?? [], Interlocked.Read(ref run.Sent), Interlocked.Read(ref run.Failed), run.StartedAt, run.StartedBy)
        : new SimulatorStatus(model, false, 0, [], 0, 0, null, null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var (model, run) in _runs)
                {
                    run.Owed += run.Settings.RequestsPerSecond * Tick.TotalSeconds;
                    var due = (int)run.Owed;
                    run.Owed -= due;
                    for (var i = 0; i < due; i++)
                    {
                        try
                        {
                            await SendAsync(model, run, stoppingToken);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            Interlocked.Increment(ref run.Failed);
                            ScoringLog.BackgroundWorkFailed(logger, model, exception);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task SendAsync(string model, Run run, CancellationToken cancellationToken)
    {
        var plan = await directory.GetAsync(model, cancellationToken);
        if (plan?.Production is not { } production) { Interlocked.Increment(ref run.Failed); return; }
        var contract = plan.Versions[production].FeatureSchema;
        var segments = run.Settings.Segments ?? [];
        var request = new ScoreRequest([Record(contract)], segments.Count == 0 ? null : segments[_random.Next(segments.Count)], Guid.CreateVersion7().ToString("N"));
        var result = await scorer.ScoreAsync(model, request, cancellationToken);
        if (result.Response is not { } response) { Interlocked.Increment(ref run.Failed); return; }
        Interlocked.Increment(ref run.Sent);
        if (_random.NextDouble() >= run.Settings.OutcomeShare || response.Predictions[0].Label is not { } label) return;
        var labels = plan.Versions[production].Labels;
        var truth = labels.Count > 1 && _random.NextDouble() < 0.2 ? labels.First(l => l != label) : label;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        db.PredictionOutcomes.Add(new PredictionOutcome { PredictionId = response.Predictions[0].PredictionId, Label = truth, ReceivedAt = time.GetUtcNow(), ReceivedBy = "simulator" });
        await db.SaveChangesAsync(cancellationToken);
    }

    Dictionary<string, JsonElement> Record(IReadOnlyList<FeatureSpec> contract)
    {
        var record = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var f in contract)
        {
            record[f.Name] = f.Type switch
            {
                FeatureTypes.Category => JsonSerializer.SerializeToElement(f.Categories is { Count: > 0 } c ? c[_random.Next(c.Count)] : "x"),
                FeatureTypes.Boolean => JsonSerializer.SerializeToElement(_random.Next(2) == 1),
                FeatureTypes.Integer => JsonSerializer.SerializeToElement(Math.Round(Uniform(f))),
                _ => JsonSerializer.SerializeToElement(Uniform(f)),
            };
        }
        return record;
    }

    double Uniform(FeatureSpec f)
    {
        var (lo, hi) = (f.Min ?? (f.Max is { } m ? m - 10 : 0), f.Max ?? (f.Min is { } n ? n + 10 : 10));
        return lo + _random.NextDouble() * (hi - lo);
    }
}
