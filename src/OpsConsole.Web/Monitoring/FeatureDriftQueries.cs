namespace OpsConsole.Monitoring;

/// <summary>One bin of a column's distribution, as the share of each side's rows that fall in it.</summary>
public sealed record DistributionBin(string Bin, double ReferenceShare, double CurrentShare);

/// <summary>
/// The column's drift inside one segment: the segment's current rows against the segment's own reference rows, or
/// against the whole training holdout, which has no segments.
/// </summary>
public sealed record SegmentDriftView(string Segment, int ReferenceRows, int CurrentRows, DriftColumnView Column, double? Severity);

/// <summary>One drift run's figure for the column, for its statistic over time.</summary>
public sealed record ColumnHistoryPoint(DateTimeOffset ComputedAt, int Version, double? Statistic, double? PValue, double Threshold, bool Drift, double? Severity);

/// <summary>
/// The drill-down of one column (a feature, the prediction or the confidence): its drift now, both distributions over
/// the bins the statistic is computed on, its figure in every stored drift run, the segments where it drifts most, and
/// both sides summarized (with the categories only the current side has).
/// </summary>
public sealed record FeatureDriftView(string Model, int Version, string Column, string Kind, DriftReferenceView Reference, DriftWindowView Current,
    DriftColumnView Drift, IReadOnlyList<DistributionBin> Distribution, IReadOnlyList<ColumnHistoryPoint> History, IReadOnlyList<SegmentDriftView> Segments,
    ColumnSummary ReferenceSummary, ColumnSummary CurrentSummary, IReadOnlyList<CategoryShare> NewCategories);

public sealed partial class DriftQueries
{
    /// <summary>The segments with most current rows that are compared; the rest are left out so one request stays bounded.</summary>
    public const int MaxSegments = 12;

    public async Task<(FeatureDriftView? View, int Status, string? Problem)> FeatureAsync(string model, string column, int? version, TimeSpan window,
        DateTimeOffset? referenceFrom, DateTimeOffset? referenceTo, DateTimeOffset historyFrom, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (loaded, status, problem) = await LoadAsync(model, version, null, window, referenceFrom, referenceTo, now, cancellationToken);
        if (loaded is null) return (null, status, problem);
        var spec = loaded.Contract.FirstOrDefault(f => f.Name == column);
        var kind = spec is not null ? "feature" : column is "prediction" or "confidence" ? column : null;
        if (kind is null)
            return (null, StatusCodes.Status404NotFound, $"v{loaded.Chosen.Version} of {model} has no feature '{column}'; its features are {string.Join(", ", loaded.Contract.Select(f => f.Name))}, plus prediction and confidence.");

        // A holdout is every segment's reference, so its rows are parsed once, not once per segment.
        DriftColumn? Build(IReadOnlyList<LoggedRow> reference, IReadOnlyList<LoggedRow> current) => spec is not null
            ? Feature(spec, loaded.Reference.IsHoldout ? loaded.ReferenceInputs : Parse(reference, loaded.Contract), Parse(current, loaded.Contract))
            : Outputs(reference, current).Select(o => o.Column).FirstOrDefault(c => c.Name == column);
        var whole = spec is not null
            ? Feature(spec, loaded.ReferenceInputs, loaded.CurrentInputs)
            : Outputs(loaded.Reference.Items, loaded.Current.Items).Select(o => o.Column).FirstOrDefault(c => c.Name == column);
        if (whole is null) return (null, StatusCodes.Status404NotFound, $"{model} logs no {column} to compare.");
        // Every segment is judged by the method and threshold the whole column gets, so the segments compare like with like.
        var (method, threshold) = Judged(whole, loaded.Options);
        var drift = View(DriftEngine.Column(whole, method, threshold), kind, loaded.Sources);

        var bins = DriftBins.For(whole.Reference, whole.Current, whole.Type, DriftBinning.Combined, null);
        var (referenceTotal, currentTotal) = (Math.Max(1, bins.Reference.Sum()), Math.Max(1, bins.Current.Sum()));
        var distribution = bins.Bins.Select((b, i) => new DistributionBin(b, bins.Reference[i] / referenceTotal, bins.Current[i] / currentTotal)).ToList();

        var referenceBySegment = loaded.Reference.Items.Where(r => r.Segment is not null).ToLookup(r => r.Segment!);
        IReadOnlyList<LoggedRow> ReferenceOf(string segment) => loaded.Reference.IsHoldout ? loaded.Reference.Items : [.. referenceBySegment[segment]];
        var segments = loaded.Current.Items.Where(r => r.Segment is not null).GroupBy(r => r.Segment!)
            .OrderByDescending(g => g.Count()).Take(MaxSegments)
            .Select(g => (Segment: g.Key, Reference: ReferenceOf(g.Key), Current: g.ToList()))
            .Select(s => (s.Segment, s.Reference, s.Current, Column: Build(s.Reference, s.Current)))
            // A segment can log no value of an output at all (say, only default-label answers, without confidence).
            .Where(s => s.Column is not null)
            .Select(s =>
            {
                var view = View(DriftEngine.Column(s.Column!, method, threshold), kind, loaded.Sources);
                return new SegmentDriftView(s.Segment, s.Reference.Count, s.Current.Count, view, DriftHeatmap.Severity(view));
            })
            .OrderByDescending(s => s.Severity ?? -1).ThenBy(s => s.Segment, StringComparer.Ordinal)
            .ToList();

        var history = (await new DriftHistory(db).ForAsync(model, historyFrom, now, cancellationToken))
            .SelectMany(p => p.Columns.Where(c => c.Column == column).Select(c => new ColumnHistoryPoint(p.ComputedAt, p.Version, c.Statistic, c.PValue, c.Threshold, c.Drift, DriftHeatmap.Severity(c))))
            .ToList();
        return (new FeatureDriftView(model, loaded.Chosen.Version, column, kind, loaded.Reference.AsReference(), loaded.Current.AsWindow(),
            drift, distribution, history, segments, ColumnSummary.Of(whole.Reference, whole.Type), ColumnSummary.Of(whole.Current, whole.Type),
            whole.Type == ColumnType.Categorical ? ColumnSummary.NewCategories(whole.Reference, whole.Current) : []), StatusCodes.Status200OK, null);
    }
}
