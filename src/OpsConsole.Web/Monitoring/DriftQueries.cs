using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Monitoring;

public sealed record DriftWindowView(DateTimeOffset From, DateTimeOffset To, long Rows, bool Sampled);

/// <summary>
/// The side drift is measured against: a production window, or the version's training holdout
/// (<see cref="ReferenceSources.TrainingHoldout"/>), whose rows carry no time, so From and To are both the holdout's
/// creation. <c>rows</c> is the whole holdout or window; <c>sampled</c> says when fewer were compared.
/// </summary>
public sealed record DriftReferenceView(DateTimeOffset From, DateTimeOffset To, long Rows, bool Sampled, string Source);

/// <summary>One column of the drift answer; <c>kind</c> says whether it is a feature, the prediction or the confidence.</summary>
/// <c>thresholdSource</c> says where the threshold came from: <c>default</c> (STATISTICS.md), <c>model</c> (the model's
/// drift settings) or <c>data</c> (data-driven, from chunks of the reference).
public sealed record DriftColumnView(string Column, string Kind, string Type, string Method, double? Statistic, double? PValue, double Threshold, bool Drift,
    double ReferenceMissingShare, double CurrentMissingShare, string? Reason, string ThresholdSource = ThresholdSources.Default);

public static class ThresholdSources
{
    public const string Default = "default";
    public const string Model = "model";
    public const string Data = "data";
}

/// <summary>DESIGN's drift answer. The dataset figures count feature columns only; prediction and confidence drift are reported beside them.</summary>
public sealed record DriftView(string Model, int Version, string? Segment, DriftReferenceView Reference, DriftWindowView Current,
    IReadOnlyList<DriftColumnView> Columns, double DriftShare, bool DatasetDrift);

/// <summary>
/// Drift of a version's logged inputs, predictions and confidences between a reference and a current window, computed
/// from the prediction log by the same <see cref="DriftEngine"/> as the CLI. The reference is the version's training
/// holdout or a production window, as the model's drift settings choose (<see cref="DriftSettings.ReferenceFor"/>).
/// Each window side is the window's rows, or a uniform sample of <see cref="SampleRows"/> of them when the window holds
/// more (seeded, so a figure can be reproduced); a holdout was sampled the same way when it was stored. Shadow rows are
/// left out: they are another version's predictions on the same inputs.
/// </summary>
public sealed partial class DriftQueries(OpsDbContext db)
{
    public const int SampleRows = 200_000;
    public static readonly TimeSpan DefaultReferenceLength = TimeSpan.FromDays(7);

    /// <summary>
    /// Null with a reason when the model, the version or a reference window is missing. A <paramref name="method"/>
    /// judges every column with that one statistic at its default threshold (an alert rule on KL divergence asks so),
    /// instead of the model's drift settings.
    /// </summary>
    public async Task<(DriftView? View, int Status, string? Problem)> ReportAsync(string model, int? version, string? segment, TimeSpan window,
        DateTimeOffset? referenceFrom, DateTimeOffset? referenceTo, DateTimeOffset now, CancellationToken cancellationToken, string? method = null)
    {
        var (loaded, status, problem) = await LoadAsync(model, version, segment, window, referenceFrom, referenceTo, now, cancellationToken, method);
        if (loaded is null) return (null, status, problem);
        var (chosen, contract, reference, current, referenceInputs, currentInputs, options, sources) = loaded;

        var features = contract.Select(f => Feature(f, referenceInputs, currentInputs)).ToList();
        var report = DriftEngine.Report(features, options);
        var outputs = Outputs(reference.Items, current.Items);
        // Prediction and confidence are judged like features but kept out of the dataset share, which is about inputs.
        var columns = report.Columns.Select(c => View(c, "feature", sources))
            .Concat(outputs.Select(o =>
            {
                var (method, threshold) = Judged(o.Column, options);
                return View(DriftEngine.Column(o.Column, method, threshold), o.Kind, sources);
            }))
            .ToList();
        return (new DriftView(model, chosen.Version, segment, reference.AsReference(), current.AsWindow(),
            columns, report.DriftShare, report.DatasetDrift), StatusCodes.Status200OK, null);
    }

    /// <summary>
    /// One side of a drift question: where it comes from, its time span, how many rows it has, and the rows compared
    /// (all of them, or a sample). A holdout's rows are in their stored order, a window's in time order.
    /// </summary>
    sealed record Side(string Source, DateTimeOffset From, DateTimeOffset To, long Rows, bool Sampled, IReadOnlyList<LoggedRow> Items)
    {
        public bool IsHoldout => Source == ReferenceSources.TrainingHoldout;
        public DriftReferenceView AsReference() => new(From, To, Rows, Sampled, Source);
        public DriftWindowView AsWindow() => new(From, To, Rows, Sampled);

        public static Side Of(DateTimeOffset from, DateTimeOffset to, ReservoirSample<LoggedRow> sample) =>
            new(ReferenceSources.Window, from, to, sample.Seen, sample.IsSampled, sample.Items);
    }

    /// <summary>The version, its contract and both sides of one drift question, with the options it is judged by.</summary>
    sealed record Loaded(ModelVersion Chosen, List<FeatureSpec> Contract, Side Reference, Side Current,
        LoggedInputs ReferenceInputs, LoggedInputs CurrentInputs, DriftOptions Options,
        IReadOnlyDictionary<string, string> Sources);

    async Task<(Loaded? Loaded, int Status, string? Problem)> LoadAsync(string model, int? version, string? segment, TimeSpan window,
        DateTimeOffset? referenceFrom, DateTimeOffset? referenceTo, DateTimeOffset now, CancellationToken cancellationToken, string? method = null)
    {
        var row = await db.Models.AsNoTracking().Include(m => m.Versions).SingleOrDefaultAsync(m => m.Name == model, cancellationToken);
        if (row is null) return (null, StatusCodes.Status404NotFound, $"There is no model named '{model}'.");
        var (number, missing) = MonitoredVersion.Choose(model, row.Versions.Select(x => (x.Version, x.Stage)), version);
        if (number is null) return (null, StatusCodes.Status404NotFound, missing);
        var chosen = row.Versions.Single(x => x.Version == number);

        var current = (From: now - window, To: now);
        var settings = RegistryJson.Read<DriftSettings>(row.DriftSettingsJson) ?? DriftSettings.Default;
        if (method is not null) settings = settings with { Method = method, Columns = null };
        var windowAsked = referenceFrom is not null && referenceTo is not null;
        var profile = windowAsked ? null : await db.ReferenceProfiles.AsNoTracking()
            .Where(p => p.Model == model && p.Version == chosen.Version && p.Source == ReferenceSources.TrainingHoldout)
            .Select(p => new { p.Id, p.CreatedAt, p.RowCount }).SingleOrDefaultAsync(cancellationToken);
        Side reference;
        switch (settings.ReferenceFor(windowAsked, profile is not null))
        {
            case null:
                return (null, StatusCodes.Status409Conflict,
                    $"v{chosen.Version} of {model} has no training holdout to compare with: the console keeps one for the versions it trains itself, never for uploaded ones. Set referenceSource to auto or window in the model's drift settings, or pass referenceFrom and referenceTo.");
            case ReferenceSources.TrainingHoldout:
                reference = await HoldoutAsync(profile!.Id, profile.CreatedAt, profile.RowCount, cancellationToken);
                break;
            default:
                // A window asked for wins over the model's fixed window, which wins over each version's first week.
                var span = await ReferenceAsync(row.Id, chosen.Version, referenceFrom ?? settings.ReferenceFrom, referenceTo ?? settings.ReferenceTo, current.From, cancellationToken);
                if (span is not { } w)
                {
                    return (null, StatusCodes.Status409Conflict,
                        $"v{chosen.Version} has no reference window yet: its first {DefaultReferenceLength.TotalDays:0} days in production do not end before the current window starts. Pass referenceFrom and referenceTo.");
                }
                reference = Side.Of(w.From, w.To, await SampleAsync(model, chosen.Version, segment, w.From, w.To, cancellationToken));
                break;
        }
        var contract = RegistryJson.Read<List<FeatureSpec>>(chosen.FeatureSchemaJson) ?? [];
        var currentSide = Side.Of(current.From, current.To, await SampleAsync(model, chosen.Version, segment, current.From, current.To, cancellationToken));
        var (referenceInputs, currentInputs) = (Parse(reference.Items, contract), Parse(currentSide.Items, contract));
        var (options, sources) = Options(settings, contract, referenceInputs, reference.Items);
        return (new Loaded(chosen, contract, reference, currentSide, referenceInputs, currentInputs, options, sources), StatusCodes.Status200OK, null);
    }

    // The holdout has no segments and no times: a segment's current rows are compared with the whole holdout, which is
    // what the model was judged on before release.
    async Task<Side> HoldoutAsync(long profileId, DateTimeOffset createdAt, long rowCount, CancellationToken cancellationToken)
    {
        var rows = await db.ReferenceProfileRows.AsNoTracking().Where(r => r.ProfileId == profileId).OrderBy(r => r.Ordinal)
            .Select(r => new LoggedRow(r.FeaturesJson, r.Label, r.Confidence, null, null)).ToListAsync(cancellationToken);
        return new Side(ReferenceSources.TrainingHoldout, createdAt, createdAt, rowCount, rowCount > rows.Count, rows);
    }

    // The model's settings as the engine's options, with each data-driven threshold worked out from the reference rows
    // in their order (a window's time order, a holdout's stored order). A data-driven column with too little reference
    // keeps the default threshold, and says so.
    static (DriftOptions Options, IReadOnlyDictionary<string, string> Sources) Options(DriftSettings settings, List<FeatureSpec> contract,
        LoggedInputs referenceInputs, IReadOnlyList<LoggedRow> referenceRows)
    {
        var columns = new Dictionary<string, ColumnDriftSettings>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, choice) in settings.Columns ?? new Dictionary<string, ColumnDriftChoice>())
        {
            var method = choice.Method ?? settings.Method;
            double? threshold = choice.Threshold;
            if (choice.DataDriven && method is { } m && DataDrivenThreshold.Supports(m))
            {
                var (type, numbers, categories) = RawValues(name, contract, referenceInputs, referenceRows);
                threshold = type is { } t ? DataDrivenThreshold.For(name, t, numbers, categories, m)?.Threshold : null;
                if (threshold is not null) sources[name] = ThresholdSources.Data;
            }
            else if (choice.Threshold is not null)
            {
                sources[name] = ThresholdSources.Model;
            }
            columns[name] = new ColumnDriftSettings(method, threshold);
        }
        return (new DriftOptions(settings.Method ?? DriftMethods.Auto, Columns: columns), sources);
    }

    // One column's reference values, unsorted, in row order: a feature from the logged inputs, or the prediction or confidence.
    static (ColumnType? Type, IReadOnlyList<double?> Numbers, IReadOnlyList<string?> Categories) RawValues(string name, List<FeatureSpec> contract,
        LoggedInputs inputs, IReadOnlyList<LoggedRow> rows)
    {
        if (contract.FirstOrDefault(f => f.Name == name) is { } feature)
        {
            return LoggedInputs.IsNumeric(feature)
                ? (ColumnType.Numeric, inputs.Numbers(name), [])
                : (ColumnType.Categorical, [], inputs.Categories(name));
        }
        return name switch
        {
            "confidence" => (ColumnType.Numeric, [.. rows.Select(r => r.Confidence)], []),
            "prediction" when rows.Any(r => r.Label is not null) => (ColumnType.Categorical, [], [.. rows.Select(r => r.Label)]),
            "prediction" => (ColumnType.Numeric, [.. rows.Select(r => r.Value)], []),
            _ => (null, [], []),
        };
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

    // Each logged row's inputs are read once, whatever the number of features.
    static LoggedInputs Parse(IReadOnlyList<LoggedRow> rows, IReadOnlyList<FeatureSpec> contract) => LoggedInputs.Parse([.. rows.Select(r => r.FeaturesJson)], contract);

    static DriftColumn Feature(FeatureSpec feature, LoggedInputs reference, LoggedInputs current)
    {
        var numeric = LoggedInputs.IsNumeric(feature);
        ColumnValues Side(LoggedInputs rows) => numeric
            ? ColumnValues.Numeric(rows.Numbers(feature.Name))
            : ColumnValues.Categorical(rows.Categories(feature.Name));
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

    static DriftColumnView View(ColumnDrift c, string kind, IReadOnlyDictionary<string, string> sources) => new(c.Column, kind,
        c.Type == ColumnType.Numeric ? "numeric" : "categorical", c.Method, c.Statistic, c.PValue, c.Threshold, c.Drift, c.ReferenceMissingShare,
        c.CurrentMissingShare, c.Reason, sources.GetValueOrDefault(c.Column, ThresholdSources.Default));

    /// <summary>The method and threshold a column is judged by under the model's options, as the report judges features.</summary>
    static (string Method, double Threshold) Judged(DriftColumn column, DriftOptions options)
    {
        var method = DriftEngine.MethodFor(column, options);
        return (method, options.Columns?.GetValueOrDefault(column.Name)?.Threshold ?? options.Threshold ?? DriftMethods.DefaultThreshold(method));
    }
}
