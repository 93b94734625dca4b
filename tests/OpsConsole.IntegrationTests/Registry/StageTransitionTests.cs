using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Registry;

public class StageTransitionTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Whoever_registered_a_version_cannot_promote_it_but_a_colleague_can()
    {
        using var author = await EngineerAsync(app);
        using var colleague = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        var version = await UploadOkAsync(author, model);

        var own = await StageAsync(author, model, version.Version, "production");
        var other = await StageAsync(colleague, model, version.Version, "production", "reviewed offline metrics");

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("separation of duties", await own.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(version.Version, (await author.GetFromJsonAsync<ModelView>($"/api/models/{model}", RegistryJson.Options, Cancel))!.Production);
    }

    [Fact]
    public async Task Promoting_a_second_version_replaces_production_and_both_moves_are_logged_with_the_previous_holder()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        var v1 = await UploadOkAsync(author, model);
        var v2 = await UploadOkAsync(author, model);

        await StageAsync(approver, model, v1.Version, "production", "first release");
        var promoted = await StageAsync(approver, model, v2.Version, "production", "better recall");
        var versions = await author.GetFromJsonAsync<List<VersionView>>($"/api/models/{model}/versions", RegistryJson.Options, Cancel);
        var history = (await author.GetFromJsonAsync<List<TransitionView>>($"/api/models/{model}/history", RegistryJson.Options, Cancel))!;

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal([(2, "production"), (1, "none")], versions!.Select(v => (v.Version, v.Stage)));
        Assert.Equal([(2, "none", "production", (int?)1), (1, "production", "none", null), (1, "none", "production", null)],
            history.Select(h => (h.Version, h.From, h.To, h.PreviousHolder)));
        Assert.All(history, h => Assert.StartsWith("api-key:eng-", h.Actor, StringComparison.Ordinal));
        Assert.NotNull(history[0].Gate);
    }

    [Fact]
    public async Task A_canary_takes_a_traffic_percent_and_shadows_can_be_many()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        for (var i = 0; i < 3; i++) await UploadOkAsync(author, model);

        var canary = await StageAsync(approver, model, 1, "canary", "10% first", trafficPercent: 10);
        await StageAsync(approver, model, 2, "shadow", "compare quietly");
        await StageAsync(approver, model, 3, "shadow", "compare quietly too");
        var view = await author.GetFromJsonAsync<ModelView>($"/api/models/{model}", RegistryJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.OK, canary.StatusCode);
        Assert.Equal((1, 10), (view!.Canary, view.CanaryTrafficPercent));
        Assert.Equal([2, 3], view.Shadows);
    }

    [Theory]
    [InlineData("staging", null, "x", "stage")]
    [InlineData("canary", null, "x", "trafficPercent")]
    [InlineData("production", null, "", "reason")]
    public async Task Bad_stage_requests_name_the_field(string stage, int? percent, string reason, string field)
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model);

        var response = await StageAsync(approver, model, 1, stage, reason, percent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task A_version_that_fails_the_gate_is_refused_with_the_report_and_only_a_lead_may_override()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        using var lead = await app.AsRoleAsync(Identity.Roles.Lead);
        var model = await CreateModelAsync(author);
        var gate = await lead.PutAsJsonAsync($"/api/models/{model}/gate",
            new { metrics = new[] { new { metric = "accuracy", comparator = ">=", threshold = 0.85 } }, requireCompatibleContract = true }, Cancel);
        await UploadOkAsync(author, model, new { metrics = new { accuracy = 0.8 } });

        var refused = await StageAsync(approver, model, 1, "production", "ship it");
        var engineerOverride = await StageAsync(approver, model, 1, "production", "ship it anyway", @override: true);
        var leadOverride = await StageAsync(lead, model, 1, "production", "accepted: the 0.05 gap is label noise", @override: true);

        Assert.Equal(HttpStatusCode.OK, gate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel)))
        {
            var check = problem.RootElement.GetProperty("gate").GetProperty("checks")[0];
            Assert.Equal(("accuracy", ">= 0.85", "0.8", false), (check.GetProperty("name").GetString(), check.GetProperty("threshold").GetString(),
                check.GetProperty("value").GetString(), check.GetProperty("passed").GetBoolean()));
            Assert.Equal("accuracy is 0.8, which does not meet >= 0.85.", check.GetProperty("reason").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, engineerOverride.StatusCode);
        Assert.Equal(HttpStatusCode.OK, leadOverride.StatusCode);
        var history = await author.GetFromJsonAsync<List<TransitionView>>($"/api/models/{model}/history", RegistryJson.Options, Cancel);
        Assert.True(history![0].IsOverride);
        Assert.False(history[0].Gate!.Passed);
    }

    [Fact]
    public async Task Removing_a_feature_production_callers_send_fails_the_contract_check()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, new { featureSchema = new[] { new { name = "amount", type = "number" }, new { name = "age", type = "integer" } } });
        await UploadOkAsync(author, model, new { featureSchema = new[] { new { name = "amount", type = "number" } } });
        await StageAsync(approver, model, 1, "production", "first");

        var response = await StageAsync(approver, model, 2, "production", "drops age");
        var diff = await author.GetFromJsonAsync<VersionDiffView>($"/api/models/{model}/diff?from=1&to=2", RegistryJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("'age' removed", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal([("age", ContractChangeKind.Removed)], diff!.ContractChanges.Select(c => (c.Feature, c.Kind)));
    }

    [Fact]
    public async Task A_gate_without_metrics_keeps_only_the_contract_check_and_the_diff_names_change_kinds()
    {
        using var author = await EngineerAsync(app);
        using var lead = await app.AsRoleAsync(Identity.Roles.Lead);
        var model = await CreateModelAsync(author);
        await UploadOkAsync(author, model, new { featureSchema = new[] { new { name = "a", type = "number" } } });
        await UploadOkAsync(author, model, new { featureSchema = new[] { new { name = "b", type = "number" } } });

        var gate = await lead.PutAsJsonAsync($"/api/models/{model}/gate", new { requireCompatibleContract = true }, Cancel);
        var diff = await author.GetStringAsync($"/api/models/{model}/diff?from=1&to=2", Cancel);

        Assert.Equal(HttpStatusCode.OK, gate.StatusCode);
        Assert.Empty((await gate.Content.ReadFromJsonAsync<ModelView>(RegistryJson.Options, Cancel))!.Gate.Metrics);
        Assert.Contains("\"kind\":\"removed\"", diff, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"added\"", diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canary_promoted_to_production_while_another_version_becomes_canary_never_leaves_production_empty()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        for (var round = 0; round < 5; round++)
        {
            var model = await CreateModelAsync(author);
            for (var i = 0; i < 3; i++) await UploadOkAsync(author, model);
            (await StageAsync(approver, model, 1, "production", "base")).EnsureSuccessStatusCode();
            (await StageAsync(approver, model, 2, "canary", "try", trafficPercent: 10)).EnsureSuccessStatusCode();

            var both = await Task.WhenAll(StageAsync(approver, model, 2, "production", "canary looks good"), StageAsync(approver, model, 3, "canary", "next", trafficPercent: 5));
            var view = await author.GetFromJsonAsync<ModelView>($"/api/models/{model}", RegistryJson.Options, Cancel);
            var logSays = await author.GetFromJsonAsync<ProductionAtView>($"/api/models/{model}/production", RegistryJson.Options, Cancel);

            Assert.All(both, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
            Assert.NotNull(view!.Production);
            Assert.Equal(view.Production, logSays!.Version);
        }
    }

    [Fact]
    public async Task Two_promotions_racing_each_other_leave_exactly_one_production_version()
    {
        using var author = await EngineerAsync(app);
        using var approver = await EngineerAsync(app);
        var model = await CreateModelAsync(author);
        for (var i = 0; i < 4; i++) await UploadOkAsync(author, model);

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(v => StageAsync(approver, model, v, "production", "race")));
        var versions = await author.GetFromJsonAsync<List<VersionView>>($"/api/models/{model}/versions", RegistryJson.Options, Cancel);

        Assert.Single(versions!, v => v.Stage == "production");
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
    }
}
