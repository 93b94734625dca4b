using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

public sealed record DriftWindowView(DateTimeOffset From, DateTimeOffset To, long Rows, bool Sampled);

/// <summary>One column of the drift answer; <c>kind</c> says whether it is a feature, the prediction or the confidence.</summary>
public sealed record DriftColumnView(string Column, string Kind, string Type, string Method, double? Statistic, double? PValue, double Threshold, bool Drift,
    double ReferenceMissingShare, double CurrentMissingShare, string? Reason);

/// <summary>DESIGN's drift answer. The dataset figures count feature columns only; prediction and confidence drift are reported beside them.</summary>
public sealed record DriftView(string Model, int Version, string? Segment, DriftWindowView Reference, DriftWindowView Current,
    IReadOnlyList<DriftColumnView> Columns, double DriftShare, bool DatasetDrift);

/// <summary>
/// Drift of a version's logged inputs, predictions and confidences between a reference window and a current window,
/// computed from the prediction log by the same <see cref="DriftEngine"/> as the CLI. Each side is the window's rows,
/// or a uniform sample of <see cref="SampleRows"/> of them when the window holds more (seeded, so a figure can be
/// reproduced). Shadow rows are left out: they are another version's predictions on the same inputs.
/// </summary>
public sealed partial class DriftQueries(OpsDbContext db)
{
    public const int SampleRows = 200_000;
    public static readonly TimeSpan DefaultReferenceLength = TimeSpan.FromDays(7);

    /// <summary>Null with a reason when the model, the version or a reference window is missing.</summary>
    public async Task<(DriftView? View, int Status, string? Problem)> ReportAsync(string model, int? version, string? segment, TimeSpan window,
        DateTimeOffset? referenceFrom, DateTimeOffset? referenceTo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (loaded, status, problem) = await LoadAsync(model, version, segment, window, referenceFrom, referenceTo, now, cancellationToken);
        if (loaded is null) return (null, status, problem);
        var (chosen, contract, reference, current, referenceRows, currentRows) = loaded;

        var (referenceInputs, currentInputs) = (Parse(referenceRows.Items), Parse(currentRows.Items));
        var features = contract.Select(f => Feature(f, referenceInputs, currentInputs)).ToList();
        var report = DriftEngine.Report(features, DriftOptions.Default);
        var outputs = Outputs(referenceRows.Items, currentRows.Items);
        // Prediction and confidence are judged like features but kept out of the dataset share, which is about inputs.
        var columns = report.Columns.Select(c => View(c, "feature"))
            .Concat(outputs.Select(o =>
            {
                var method = DriftEngine.MethodFor(o.Column, DriftOptions.Default);
                return View(DriftEngine.Column(o.Column, method, DriftMethods.DefaultThreshold(method)), o.Kind);
            }))
            .ToList();
        return (new DriftView(model, chosen.Version, segment,
            new DriftWindowView(reference.From, reference.To, referenceRows.Seen, referenceRows.IsSampled),
            new DriftWindowView(current.From, current.To, currentRows.Seen, currentRows.IsSampled),
            columns, report.DriftShare, report.DatasetDrift), StatusCodes.Status200OK, null);
    }

    /// <summary>The version, its contract, both windows and both sides' rows (or their samples) of one drift question.</summary>
    sealed record Loaded(ModelVersion Chosen, List<FeatureSpec> Contract, (DateTimeOffset From, DateTimeOffset To) Reference,
        (DateTimeOffset From, DateTimeOffset To) Current, ReservoirSample<LoggedRow> ReferenceRows, ReservoirSample<LoggedRow> CurrentRows);

    async Task<(Loaded? Loaded, int Status, string? Problem)> LoadAsync(string model, int? version, string? segment, TimeSpan window,
        DateTimeOffset? referenceFrom, DateTimeOffset? referenceTo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Models.AsNoTracking().Include(m => m.Versions).SingleOrDefaultAsync(m => m.Name == model, cancellationToken);
        if (row is null) return (null, StatusCodes.Status404NotFound, $"There is no model named '{model}'.");
        var (number, missing) = MonitoredVersion.Choose(model, row.Versions.Select(x => (x.Version, x.Stage)), version);
        if (number is null) return (null, StatusCodes.Status404NotFound, missing);
        var chosen = row.Versions.Single(x => x.Version == number);

        var current = (From: now - window, To: now);
        var reference = await ReferenceAsync(row.Id, chosen.Version, referenceFrom, referenceTo, current.From, cancellationToken);
        if (reference is null)
        {
            return (null, StatusCodes.Status409Conflict,
                $"v{chosen.Version} has no reference window yet: its first {DefaultReferenceLength.TotalDays:0} days in production do not end before the current window starts. Pass referenceFrom and referenceTo.");
        }
        var contract = RegistryJson.Read<List<FeatureSpec>>(chosen.FeatureSchemaJson) ?? [];
        var referenceRows = await SampleAsync(model, chosen.Version, segment, reference.Value.From, reference.Value.To, cancellationToken);
        var currentRows = await SampleAsync(model, chosen.Version, segment, current.From, current.To, cancellationToken);
        return (new Loaded(chosen, contract, reference.Value, current, referenceRows, currentRows), StatusCodes.Status200OK, null);
    }

    // The given window, else the version's first week in production, cut off where the current window starts.
    async Task<(DateTimeOffset From, DateTimeOffset To)?> ReferenceAsync(long modelId, int version, DateTimeOffset? from, DateTimeOffset? to,
        DateTimeOffset currentFrom, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t) return f < t ? (f, t) : null;
        var promoted = await db.PromotionLog.AsNoTracking()
            .Where(e => e.ModelId == modelId && e.Version == version && e.ToStage == ModelStage.Production)
            .OrderByDescending(e => e.At).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(cancellationToken);
        if (promoted is not { } start) return null;
        var end = start + DefaultReferenceLength < currentFrom ? start + DefaultReferenceLength : currentFrom;
        return end > start ? (start, end) : null;
    }

    sealed record LoggedRow(string FeaturesJson, string? Label, double? Confidence, double? Value, string? Segment);

    async Task<ReservoirSample<LoggedRow>> SampleAsync(string model, int version, string? segment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sample = new ReservoirSample<LoggedRow>(SampleRows);
        var rows = db.Predictions.AsNoTracking()
            .Where(p => p.Model == model && p.Version == version && p.ServedBy != "shadow" && p.At >= from && p.At < to && (segment == null || p.Segment == segment))
            .OrderBy(p => p.At).Select(p => new LoggedRow(p.FeaturesJson, p.Label, p.Confidence, p.Value, p.Segment));
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken)) sample.Add(r);
        return sample;
    }

    // Each logged row's inputs are parsed once, whatever the number of features.
    static List<Dictionary<string, JsonElement>> Parse(IReadOnlyList<LoggedRow> rows) => rows.Select(r =>
    {
        using var document = JsonDocument.Parse(r.FeaturesJson);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
    }).ToList();

    static DriftColumn Feature(FeatureSpec feature, List<Dictionary<string, JsonElement>> reference, List<Dictionary<string, JsonElement>> current)
    {
        var numeric = feature.Type is FeatureTypes.Number or FeatureTypes.Integer;
        ColumnValues Side(List<Dictionary<string, JsonElement>> rows) => numeric
            ? ColumnValues.Numeric(rows.Select(r => r.TryGetValue(feature.Name, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null))
            : ColumnValues.Categorical(rows.Select(r => r.TryGetValue(feature.Name, out var e) ? e.ValueKind switch
            {
                JsonValueKind.String => e.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            } : null));
        return new DriftColumn(feature.Name, numeric ? ColumnType.Numeric : ColumnType.Categorical, Side(reference), Side(current));
    }

    static List<(DriftColumn Column, string Kind)> Outputs(IReadOnlyList<LoggedRow> reference, IReadOnlyList<LoggedRow> current)
    {
        var columns = new List<(DriftColumn, string)>();
        if (reference.Concat(current).Any(r => r.Label is not null))
            columns.Add((new DriftColumn("prediction", ColumnType.Categorical, ColumnValues.Categorical(reference.Select(r => r.Label)), ColumnValues.Categorical(current.Select(r => r.Label))), "prediction"));
        else
            columns.Add((new DriftColumn("prediction", ColumnType.Numeric, ColumnValues.Numeric(reference.Select(r => r.Value)), ColumnValues.Numeric(current.Select(r => r.Value))), "prediction"));
        if (reference.Concat(current).Any(r => r.Confidence is not null))
            columns.Add((new DriftColumn("confidence", ColumnType.Numeric, ColumnValues.Numeric(reference.Select(r => r.Confidence)), ColumnValues.Numeric(current.Select(r => r.Confidence))), "confidence"));
        return columns;
    }

    static DriftColumnView View(ColumnDrift c, string kind) => new(c.Column, kind, c.Type == ColumnType.Numeric ? "numeric" : "categorical", c.Method,
        c.Statistic, c.PValue, c.Threshold, c.Drift, c.ReferenceMissingShare, c.CurrentMissingShare, c.Reason);
}
