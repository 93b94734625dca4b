namespace OpsConsole.Monitoring;

public class DriftSettingsTests
{
    [Fact]
    public void Every_bad_choice_is_named_by_its_field()
    {
        var settings = new DriftSettings("magic", new Dictionary<string, ColumnDriftChoice>
        {
            ["a"] = new("ks", Threshold: 2),
            ["b"] = new("ks", DataDriven: true),
            ["c"] = new("psi", Threshold: 0.2, DataDriven: true),
            ["d"] = new("nope"),
        }, ReferenceFrom: DateTimeOffset.UnixEpoch);

        var errors = DriftSettings.Check(settings);

        Assert.Equal(["columns.a.threshold", "columns.b.dataDriven", "columns.c.dataDriven", "columns.d.method", "method", "referenceFrom"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sound_settings_pass()
    {
        var settings = new DriftSettings("psi", new Dictionary<string, ColumnDriftChoice>
        {
            ["a"] = new(Threshold: 0.25),
            ["b"] = new("wasserstein", DataDriven: true),
            ["c"] = new("ks", Threshold: 0.01),
        }, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7));

        Assert.Empty(DriftSettings.Check(settings));
        Assert.Empty(DriftSettings.Check(DriftSettings.Default));
    }

    [Fact]
    public void An_unknown_reference_source_is_named_by_its_field()
    {
        var errors = DriftSettings.Check(new DriftSettings(ReferenceSource: "holdout"));

        Assert.Equal(["referenceSource"], errors.Keys);
        Assert.Contains("auto, training, window", errors["referenceSource"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_window_with_the_training_holdout_is_a_contradiction()
    {
        var errors = DriftSettings.Check(new DriftSettings(ReferenceFrom: DateTimeOffset.UnixEpoch, ReferenceTo: DateTimeOffset.UnixEpoch.AddDays(7), ReferenceSource: ReferenceSources.Training));

        Assert.Equal(["referenceSource"], errors.Keys);
        Assert.Contains("no time window", errors["referenceSource"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReferenceSources.Auto)]
    [InlineData(ReferenceSources.Training)]
    [InlineData(ReferenceSources.Window)]
    public void Every_reference_source_is_accepted_without_a_window(string source) =>
        Assert.Empty(DriftSettings.Check(new DriftSettings(ReferenceSource: source)));

    [Fact]
    public void A_fixed_window_is_accepted_with_auto_and_window()
    {
        var week = (From: DateTimeOffset.UnixEpoch, To: DateTimeOffset.UnixEpoch.AddDays(7));

        Assert.Empty(DriftSettings.Check(new DriftSettings(ReferenceFrom: week.From, ReferenceTo: week.To, ReferenceSource: ReferenceSources.Auto)));
        Assert.Empty(DriftSettings.Check(new DriftSettings(ReferenceFrom: week.From, ReferenceTo: week.To, ReferenceSource: ReferenceSources.Window)));
    }

    // source, fixed window in the settings, window asked with the question, version has a holdout -> reference used (null: 409)
    [Theory]
    [InlineData(null, false, false, true, ReferenceSources.TrainingHoldout)]
    [InlineData(null, false, false, false, ReferenceSources.Window)]
    [InlineData(ReferenceSources.Auto, false, false, true, ReferenceSources.TrainingHoldout)]
    [InlineData(ReferenceSources.Auto, true, false, true, ReferenceSources.Window)]
    [InlineData(ReferenceSources.Auto, false, true, true, ReferenceSources.Window)]
    [InlineData(ReferenceSources.Training, false, false, true, ReferenceSources.TrainingHoldout)]
    [InlineData(ReferenceSources.Training, false, false, false, null)]
    [InlineData(ReferenceSources.Training, false, true, false, ReferenceSources.Window)]
    [InlineData(ReferenceSources.Window, false, false, true, ReferenceSources.Window)]
    [InlineData(ReferenceSources.Window, true, false, true, ReferenceSources.Window)]
    public void The_reference_follows_the_choice_and_a_window_asked_for_wins(string? source, bool fixedWindow, bool windowAsked, bool hasHoldout, string? expected)
    {
        var settings = fixedWindow
            ? new DriftSettings(ReferenceFrom: DateTimeOffset.UnixEpoch, ReferenceTo: DateTimeOffset.UnixEpoch.AddDays(7), ReferenceSource: source)
            : new DriftSettings(ReferenceSource: source);

        Assert.Equal(expected, settings.ReferenceFor(windowAsked, hasHoldout));
    }
}
