using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpsConsole.Identity;

namespace OpsConsole.Registry;

/// <summary>Calls the registry API the way a script would; each test makes its own uniquely named models.</summary>
public static class RegistryApi
{
    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", name));

    /// <summary>
    /// The fixture with its producer name (a protobuf string of fixed length) replaced by random letters: still the same
    /// loadable model, but with a hash no other test shares, so a test may damage its stored copy.
    /// </summary>
    public static byte[] UniqueFixture(string name)
    {
        var bytes = Fixture(name);
        var producer = System.Text.Encoding.ASCII.GetBytes("opsconsole-fixtures");
        var at = bytes.AsSpan().IndexOf(producer);
        if (at < 0) throw new InvalidOperationException($"{name} has no producer name to vary.");
        System.Text.Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N")[..producer.Length]).CopyTo(bytes, at);
        return bytes;
    }

    public static string UniqueName(string prefix = "m") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static async Task<string> CreateModelAsync(HttpClient client, string? name = null, string task = "classification")
    {
        name ??= UniqueName();
        var response = await client.PostAsJsonAsync("/api/models", new { name, description = "test model", task });
        response.EnsureSuccessStatusCode();
        return name;
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string model, byte[] artifact, object? metadata = null, string fileName = "model.onnx")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(artifact);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (metadata is not null) form.Add(new StringContent(metadata as string ?? JsonSerializer.Serialize(metadata, RegistryJson.Options)), "metadata");
        return client.PostAsync($"/api/models/{model}/versions", form);
    }

    public static async Task<VersionView> UploadOkAsync(HttpClient client, string model, object? metadata = null, string fixture = "linear_classifier.onnx")
    {
        var response = await UploadAsync(client, model, Fixture(fixture), metadata);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Upload failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<VersionView>(RegistryJson.Options))!;
    }

    public static Task<HttpResponseMessage> StageAsync(HttpClient client, string model, int version, string stage, string reason = "test", int? trafficPercent = null, bool @override = false) =>
        client.PostAsJsonAsync($"/api/models/{model}/versions/{version}/stage", new { stage, trafficPercent, reason, @override });

    public static async Task<HttpClient> EngineerAsync(TestApp app) => app.WithKey(await app.CreateKeyAsync(UniqueName("eng"), Roles.Engineer));

    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    public static async Task<string> ErrorTextAsync(HttpResponseMessage response, string field)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Join(" ", document.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }
}
