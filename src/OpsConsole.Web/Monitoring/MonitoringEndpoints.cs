using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Identity;

namespace OpsConsole.Monitoring;

public static class MonitoringEndpoints
{
    static readonly string[] WindowError = ["Give a window such as 90m, 24h or 7d (at most 90 days)."];

    // A from–to range: in order, and at most 90 days, so no query reads the whole rollup table.
    static void CheckRange(DateTimeOffset start, DateTimeOffset end, Dictionary<string, string[]> errors)
    {
        if (start >= end) errors["from"] = ["from must be before to."];
        else if (end - start > TimeSpan.FromDays(90)) errors["from"] = ["Ask for at most 90 days."];
    }

    static ProblemHttpResult NoModel(string name) => TypedResults.Problem($"There is no model named '{name}'.", statusCode: StatusCodes.Status404NotFound);

    // A time zone by IANA name (UTC when none is given); an unknown one is named in the errors.
    static TimeZoneInfo Zone(string? tz, Dictionary<string, string[]> errors)
    {
        if (tz is not { Length: > 0 }) return TimeZoneInfo.Utc;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(tz, out var zone)) return zone;
        errors["tz"] = [$"'{tz}' is not a time zone this server knows; use an IANA name such as Europe/Berlin."];
        return TimeZoneInfo.Utc;
    }

    public static RouteGroupBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/models/{name}").WithTags("Monitoring").RequireAuthorization(Policies.Viewer);
        api.MapGet("/drift", Drift).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Drift of each feature, the prediction and the confidence between the reference (the version's training holdout or a production window, per the model's drift settings) and the current window (default 24h).");
        api.MapGet("/metrics", Metrics).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Predictions, latency percentiles, confidence and serving stages per step, from the per-minute rollups, with every deployment in the range.");
        api.MapGet("/performance", Performance).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Accuracy, per-class precision/recall/F1, confusion matrix and log loss of the window's predictions that have outcomes, with the label coverage.");
        api.MapGet("/kpis", Kpis).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Volume and confident-prediction rate per day in the given time zone, with the trailing 7-day baseline and the change from it.");
        api.MapGet("/drift/history", History).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The drift job's stored runs between from and to (default: the last 7 days), oldest first.");
        api.MapGet("/drift-settings", GetDriftSettings).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("How the model's drift is judged: the method for every column, per-column methods and thresholds (fixed or data-driven), the reference source (auto, training or window) and a fixed reference window.");
        api.MapPut("/drift-settings", SetDriftSettings).RequireAuthorization(Policies.Engineer).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Sets the model's drift settings; the drift API, the drift job and the monitoring page use them from the next computation on.");
        api.MapGet("/accuracy", Accuracy).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Realized accuracy per day in the given time zone beside the label-free confidence-based estimate (±3 standard errors), with how it was calibrated.");
        api.MapGet("/segments", Segments).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Each segment's predictions, p95 latency, confidence and label shares between from and to (default: the last 24 h), most different from the whole first.");
        api.MapGet("/drift/columns/{column}", Column).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("One column's drift with both distributions, its statistic in every drift run since historyFrom (default 7 days) and the segments where it drifts most.");
        return api;
    }

    static async Task<Results<Ok<FeatureDriftView>, ValidationProblem, ProblemHttpResult>> Column(
        string name, string column, int? version, string? window, DateTimeOffset? referenceFrom, DateTimeOffset? referenceTo, DateTimeOffset? historyFrom,
        DriftQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var (length, errors) = DriftWindow(window, referenceFrom, referenceTo);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var now = time.GetUtcNow();
        var (view, status, problem) = await queries.FeatureAsync(name, column, version, length!.Value, referenceFrom, referenceTo, historyFrom ?? now.AddDays(-7), now, cancellationToken);
        return view is null ? TypedResults.Problem(problem, statusCode: status) : TypedResults.Ok(view);
    }

    static async Task<Results<Ok<DriftSettings>, ProblemHttpResult>> GetDriftSettings(string name, OpsDbContext db, CancellationToken cancellationToken) =>
        await DriftSettingsStore.ReadAsync(db, name, cancellationToken) is { } settings ? TypedResults.Ok(settings) : NoModel(name);

    static async Task<Results<Ok<DriftSettings>, ValidationProblem, ProblemHttpResult>> SetDriftSettings(
        string name, DriftSettings settings, OpsDbContext db, CancellationToken cancellationToken)
    {
        var (errors, found) = await DriftSettingsStore.SaveAsync(db, name, settings, cancellationToken);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return found ? TypedResults.Ok(settings) : NoModel(name);
    }

    static async Task<Results<Ok<AccuracyView>, ValidationProblem, ProblemHttpResult>> Accuracy(
        string name, int? version, int? days, string? tz, AccuracyQueries accuracy, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (days is < 1 or > 90) errors["days"] = ["Ask for 1 to 90 days."];
        var zone = Zone(tz, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var (view, problem) = await accuracy.DailyAsync(name, version, days ?? 14, zone, time.GetUtcNow(), cancellationToken);
        return view is null ? TypedResults.Problem(problem, statusCode: StatusCodes.Status404NotFound) : TypedResults.Ok(view);
    }

    static async Task<Results<Ok<SegmentsView>, ValidationProblem, ProblemHttpResult>> Segments(
        string name, DateTimeOffset? from, DateTimeOffset? to, double? threshold, SegmentQueries segments, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddHours(-24);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckRange(start, end, errors);
        if (threshold is { } t && (!double.IsFinite(t) || t is < 0 or > 1)) errors["threshold"] = ["A confidence threshold is between 0 and 1."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var view = await segments.ForAsync(name, start, end, threshold ?? KpiMath.DefaultThreshold, cancellationToken);
        return view is null ? NoModel(name) : TypedResults.Ok(view);
    }

    static (TimeSpan? Length, Dictionary<string, string[]> Errors) DriftWindow(string? window, DateTimeOffset? referenceFrom, DateTimeOffset? referenceTo)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var length = WindowText.Parse(window ?? "24h");
        if (length is null) errors["window"] = WindowError;
        if ((referenceFrom is null) != (referenceTo is null)) errors["referenceFrom"] = ["Give both referenceFrom and referenceTo, or neither."];
        else if (referenceFrom >= referenceTo) errors["referenceTo"] = ["The reference window must end after it starts."];
        return (length, errors);
    }

    static async Task<Results<Ok<MetricsView>, ValidationProblem, ProblemHttpResult>> Metrics(
        string name, DateTimeOffset? from, DateTimeOffset? to, string? step, string? segment, MetricsQueries metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddHours(-24);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckRange(start, end, errors);
        var length = WindowText.Parse(step ?? "5m");
        if (length is not { } s || s.TotalMinutes % 1 != 0) errors["step"] = ["Give a step of whole minutes, e.g. 1m, 5m, 1h or 1d."];
        else if ((end - start) / s > MetricsQueries.MaxPoints) errors["step"] = [$"That gives more than {MetricsQueries.MaxPoints} points; choose a longer step or a shorter range."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var view = await metrics.SeriesAsync(name, start, end, (int)length!.Value.TotalMinutes, segment, cancellationToken);
        return view is null ? NoModel(name) : TypedResults.Ok(view);
    }

    static async Task<Results<Ok<PerformanceView>, ValidationProblem, ProblemHttpResult>> Performance(
        string name, int? version, string? window, PerformanceQueries performance, TimeProvider time, CancellationToken cancellationToken)
    {
        if (WindowText.Parse(window ?? "7d") is not { } length)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["window"] = WindowError });
        var (view, problem) = await performance.ForAsync(name, version, length, time.GetUtcNow(), cancellationToken);
        return view is null ? TypedResults.Problem(problem, statusCode: StatusCodes.Status404NotFound) : TypedResults.Ok(view);
    }

    static async Task<Results<Ok<KpiView>, ValidationProblem, ProblemHttpResult>> Kpis(
        string name, int? days, double? threshold, string? tz, KpiQueries kpis, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (days is < 1 or > 90) errors["days"] = ["Ask for 1 to 90 days."];
        if (threshold is { } t && (!double.IsFinite(t) || t is < 0 or > 1)) errors["threshold"] = ["A confidence threshold is between 0 and 1."];
        var zone = Zone(tz, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var view = await kpis.DailyAsync(name, days ?? 14, threshold ?? KpiMath.DefaultThreshold, zone, time.GetUtcNow(), cancellationToken);
        return view is null ? NoModel(name) : TypedResults.Ok(view);
    }

    static async Task<Results<Ok<IReadOnlyList<DriftPointView>>, ValidationProblem, ProblemHttpResult>> History(
        string name, DateTimeOffset? from, DateTimeOffset? to, OpsDbContext db, DriftHistory history, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-7);
        if (start >= end) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from must be before to."] });
        if (!await db.Models.AnyAsync(m => m.Name == name, cancellationToken)) return NoModel(name);
        return TypedResults.Ok(await history.ForAsync(name, start, end, cancellationToken));
    }

    static async Task<Results<Ok<DriftView>, ValidationProblem, ProblemHttpResult>> Drift(
        string name, int? version, string? segment, string? window, DateTimeOffset? referenceFrom, DateTimeOffset? referenceTo,
        DriftQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var (length, errors) = DriftWindow(window, referenceFrom, referenceTo);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var (view, status, problem) = await queries.ReportAsync(name, version, segment, length!.Value, referenceFrom, referenceTo, time.GetUtcNow(), cancellationToken);
        return view is null ? TypedResults.Problem(problem, statusCode: status) : TypedResults.Ok(view);
    }
}
