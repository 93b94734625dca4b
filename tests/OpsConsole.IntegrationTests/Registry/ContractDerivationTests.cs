using System.Net;
using System.Net.Http.Json;
using System.Text;
using static OpsConsole.Registry.RegistryApi;

namespace OpsConsole.Registry;

public class ContractDerivationTests(TestApp app)
{
    CancellationToken Cancel => TestContext.Current.CancellationToken;

    static MultipartFormDataContent Csv(string text) => new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "sample.csv" } };

    [Fact]
    public async Task A_version_without_a_contract_gets_one_proposed_from_a_sample_and_saved_once()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);
        await UploadOkAsync(engineer, model);   // features: float32 [batch, 3], no contract given

        var proposed = await engineer.PostAsync($"/api/models/{model}/versions/1/contract/derive", Csv("amount,age,score\n12.5,31,0.2\n7,45,0.9\n"), Cancel);
        var schema = await proposed.Content.ReadFromJsonAsync<List<FeatureSpec>>(RegistryJson.Options, Cancel);
        var saved = await engineer.PutAsJsonAsync($"/api/models/{model}/versions/1/contract", new { featureSchema = schema }, RegistryJson.Options, Cancel);
        var again = await engineer.PutAsJsonAsync($"/api/models/{model}/versions/1/contract", new { featureSchema = schema }, RegistryJson.Options, Cancel);
        var version = await engineer.GetFromJsonAsync<VersionView>($"/api/models/{model}/versions/1", RegistryJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        Assert.Equal([("amount", "number"), ("age", "integer"), ("score", "number")], schema!.Select(f => (f.Name, f.Type)));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["amount", "age", "score"], version!.FeatureSchema.Select(f => f.Name));
    }

    [Fact]
    public async Task A_sample_with_the_wrong_number_of_columns_or_a_model_with_other_inputs_is_refused()
    {
        using var engineer = await EngineerAsync(app);
        var model = await CreateModelAsync(engineer);
        await UploadOkAsync(engineer, model);
        await UploadOkAsync(engineer, model, fixture: "two_inputs_two_outputs.onnx");

        var tooMany = await engineer.PostAsync($"/api/models/{model}/versions/1/contract/derive", Csv("a,b,c,d\n1,2,3,4\n"), Cancel);
        var otherInputs = await engineer.PostAsync($"/api/models/{model}/versions/2/contract/derive", Csv("a,b\n1,2\n"), Cancel);

        Assert.Contains("The model takes 3 features; the sample has 4 columns.", await ErrorTextAsync(tooMany, "file"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, otherInputs.StatusCode);
    }
}
