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
}
