using System.Collections.Concurrent;
using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>
/// How demo traffic runs. <see cref="Drift"/> moves numeric features within their range (+0.5 draws a feature from the
/// upper half of its range, −0.5 from the lower half), so a newcomer can watch drift being caught; <see cref="Limit"/>
/// stops after that many requests; <see cref="Seed"/> makes the records reproducible.
/// </summary>
public sealed record SimulatorSettings(double RequestsPerSecond, IReadOnlyList<string>? Segments, double OutcomeShare = 0.3,
    IReadOnlyDictionary<string, double>? Drift = null, int? Limit = null, int? Seed = null);
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
        public required Random Random;
        public long Sent, Failed;
        public double Owed;
        public BoundaryWalk? Walk;
    }

    readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, (string Fault, DateTimeOffset Until)> _faults = new(StringComparer.Ordinal);

    /// <summary>Injects a drill's fault into the model's simulated traffic until <paramref name="until"/>; only the simulator's own requests change.</summary>
    public void InjectFault(string model, string fault, DateTimeOffset until) => _faults[model] = (fault, until);

    public void ClearFault(string model) => _faults.TryRemove(model, out _);

    public string? FaultOf(string model) => _faults.TryGetValue(model, out var f) && f.Until > time.GetUtcNow() ? f.Fault : null;

    public bool IsRunning(string model) => _runs.ContainsKey(model);

    public static Dictionary<string, string[]> Check(SimulatorSettings settings)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!double.IsFinite(settings.RequestsPerSecond) || settings.RequestsPerSecond <= 0 || settings.RequestsPerSecond > MaxRequestsPerSecond)
            errors["requestsPerSecond"] = [$"Choose a rate above 0 and at most {MaxRequestsPerSecond} requests per second."];
        if (settings.Segments is { Count: > 20 } || settings.Segments?.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 100) == true)
            errors["segments"] = ["Give at most 20 segment names of 1 to 100 characters."];
        if (settings.OutcomeShare is < 0 or > 1 || double.IsNaN(settings.OutcomeShare)) errors["outcomeShare"] = ["A share is between 0 and 1."];
        if (settings.Drift is { } drift && (drift.Count > 50 || drift.Values.Any(d => !double.IsFinite(d) || d is < -1 or > 1)))
            errors["drift"] = ["Give at most 50 features, each moved by −1 to 1 (a share of its range: +0.5 draws from the upper half)."];
        if (settings.Limit is < 1 or > 10_000_000) errors["limit"] = ["Stop after 1 to 10,000,000 requests, or leave it out to run until stopped."];
        return errors;
    }

    public void Start(string model, SimulatorSettings settings, string by) =>
        _runs[model] = new Run { Settings = settings, StartedAt = time.GetUtcNow(), StartedBy = by, Random = settings.Seed is { } seed ? new Random(seed) : new Random() };

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
                        if (run.Settings.Limit is { } limit && Interlocked.Read(ref run.Sent) + Interlocked.Read(ref run.Failed) >= limit)
                        {
                            _runs.TryRemove(KeyValuePair.Create(model, run));
                            break;
                        }
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
        var random = run.Random;
        var fault = FaultOf(model);
        Dictionary<string, JsonElement> Draw(double spread = 1) => Record(contract, random, DrillFaults.Drift(fault, contract) ?? run.Settings.Drift, spread);
        Dictionary<string, JsonElement> record;
        if (fault == DrillFaults.ConfidenceCollapse && run.Walk?.GaveUp != true)
        {
            run.Walk ??= new BoundaryWalk();
            record = run.Walk.Next(contract, spread => Draw(spread));
        }
        else
        {
            record = DrillFaults.Apply(fault, contract, Draw(), random);
        }
        var request = new ScoreRequest([record], segments.Count == 0 ? null : segments[random.Next(segments.Count)], Guid.CreateVersion7().ToString("N"));
        var result = await scorer.ScoreAsync(model, request, cancellationToken, DrillFaults.Delay(fault));
        if (result.Response is not { } response) { Interlocked.Increment(ref run.Failed); return; }
        if (fault == DrillFaults.ConfidenceCollapse) run.Walk?.Observe(record, response.Predictions[0].Label);
        else run.Walk = null;
        Interlocked.Increment(ref run.Sent);
        if (random.NextDouble() >= run.Settings.OutcomeShare || response.Predictions[0].Label is not { } label) return;
        var labels = plan.Versions[production].Labels;
        var truth = labels.Count > 1 && random.NextDouble() < 0.2 ? labels.First(l => l != label) : label;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        db.PredictionOutcomes.Add(new PredictionOutcome { PredictionId = response.Predictions[0].PredictionId, Label = truth, ReceivedAt = time.GetUtcNow(), ReceivedBy = "simulator" });
        await db.SaveChangesAsync(cancellationToken);
    }

    static Dictionary<string, JsonElement> Record(IReadOnlyList<FeatureSpec> contract, Random random, IReadOnlyDictionary<string, double>? drift, double spread = 1)
    {
        var record = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var f in contract)
        {
            record[f.Name] = f.Type switch
            {
                FeatureTypes.Category => JsonSerializer.SerializeToElement(f.Categories is { Count: > 0 } c ? c[random.Next(c.Count)] : "x"),
                FeatureTypes.Boolean => JsonSerializer.SerializeToElement(random.Next(2) == 1),
                FeatureTypes.Integer => JsonSerializer.SerializeToElement(Math.Round(Uniform(f, random, drift?.GetValueOrDefault(f.Name) ?? 0, spread))),
                _ => JsonSerializer.SerializeToElement(Uniform(f, random, drift?.GetValueOrDefault(f.Name) ?? 0, spread)),
            };
        }
        return record;
    }

    // Drift d narrows the draw to the top (d > 0) or bottom (d < 0) share |d| of the range away from the other end, so
    // the records stay inside the contract and the drift shows as drift, not as rejected requests.
    // A spread above 1 widens only the unbounded ends (the confidence-collapse drill's search), by a factor drawn per
    // feature between 1 and the spread on a log scale: one feature's wide values must not always swamp another's.
    static double Uniform(FeatureSpec f, Random random, double drift, double spread = 1)
    {
        if (spread > 1) spread = Math.Pow(spread, random.NextDouble());
        var (lo, hi) = DrillFaults.SimulatedRange(f, spread);
        var u = random.NextDouble();
        var share = drift >= 0 ? drift + u * (1 - drift) : u * (1 + drift);
        return lo + share * (hi - lo);
    }
}
