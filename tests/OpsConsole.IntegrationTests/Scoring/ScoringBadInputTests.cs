using System.Net;
using System.Net.Http.Json;
using System.Text;
using static OpsConsole.Registry.RegistryApi;
using static OpsConsole.Scoring.ScoringApi;

namespace OpsConsole.Scoring;

/// <summary>Requests a careless or hostile caller sends: each gets a clear 4xx, never a 500, and nothing reaches the log's batch.</summary>
public class ScoringBadInputTests(TestApp app)
{
    static readonly string[] RequestIdField = ["requestId"];
    static readonly string[] NullRecordField = ["records[0]"];
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_over_long_request_id_is_refused_before_it_can_fail_a_shared_log_batch()
    {
        var model = await ServingModelAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var records = await client.PostAsJsonAsync($"/api/score/{model}", Records(1, requestId: new string('r', 201)), Cancel);
        var v2 = await client.PostAsync($"/v2/models/{model}/infer", new StringContent(
            $$"""{"id":"{{new string('r', 201)}}","inputs":[{"name":"features","shape":[1,3],"datatype":"FP32","data":[1,2,3]}]}""", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(RequestIdField, await ErrorFieldsAsync(records));
        Assert.Equal(HttpStatusCode.BadRequest, v2.StatusCode);
        Assert.Contains("at most 200", await v2.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Null_records_and_null_tensors_are_400s_not_500s()
    {
        var model = await ServingModelAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var records = await client.PostAsync($"/api/score/{model}", new StringContent("""{"records":[null]}""", Encoding.UTF8, "application/json"), Cancel);
        var v2 = await client.PostAsync($"/v2/models/{model}/infer", new StringContent("""{"inputs":[null]}""", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(NullRecordField, await ErrorFieldsAsync(records));
        Assert.Equal(HttpStatusCode.BadRequest, v2.StatusCode);
    }

    [Fact]
    public async Task A_number_too_large_for_a_float_input_is_refused_as_not_finite()
    {
        var model = await ServingModelAsync(app);
        using var client = await app.AsRoleAsync(Identity.Roles.Viewer);

        var response = await client.PostAsync($"/api/score/{model}", new StringContent("""{"records":[{"a":1e39,"b":0,"c":0}]}""", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("too large", await ErrorTextAsync(response, "records[0].a"));
    }
}
