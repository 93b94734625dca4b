using System.Net;
using System.Net.Http.Json;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Incidents.Runbooks;

/// <summary>Runbooks version on every edit, and an edit made on an older version than the latest is refused rather than losing the one in between.</summary>
public class RunbookVersionTests(TestApp app)
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_editors_starting_from_the_same_version_the_second_gets_a_conflict_and_nothing_is_lost()
    {
        using var engineer = await EngineerAsync(app);
        var slug = UniqueName("rb");
        (await engineer.PutAsJsonAsync($"/api/runbooks/{slug}", new { markdown = "# Queue backlog\n\n- [ ] Check the queue depth" }, Cancel)).EnsureSuccessStatusCode();

        var first = await engineer.PutAsJsonAsync($"/api/runbooks/{slug}", new { markdown = "# Queue backlog\n\n- [ ] Check the queue depth\n- [ ] Page the data team", baseVersion = 1 }, Cancel);
        var second = await engineer.PutAsJsonAsync($"/api/runbooks/{slug}", new { markdown = "# Queue backlog\n\n- [ ] Restart the consumer", baseVersion = 1 }, Cancel);
        var latest = (await engineer.GetFromJsonAsync<RunbookView>($"/api/runbooks/{slug}", Cancel))!;
        var bad = await engineer.PutAsJsonAsync($"/api/runbooks/{slug}", new { markdown = "no heading here" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("is at version 2", await second.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal((2, 2), (latest.Version, latest.Steps.Count));
        Assert.Equal("Page the data team", latest.Steps[1].Text);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["markdown"], await ErrorFieldsAsync(bad));
    }
}
