using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace OpsConsole.Identity;

/// <summary>
/// The per-request cost of API-key authentication: hash the presented key and find it by its indexed hash, against a
/// raw prepared SQLite lookup of a known hash (the baseline) among 1,000 stored keys.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyLookupBenchmarks
{
    const int Keys = 1000;
    BenchmarkDatabase _database = default!;
    string _presented = "";
    string _presentedHash = "";

    [GlobalSetup]
    public void Setup()
    {
        _database = new BenchmarkDatabase();
        using var db = _database.Context(audited: false);
        var random = new Random(42);
        for (var i = 0; i < Keys; i++)
        {
            var bytes = new byte[32];
            random.NextBytes(bytes);
            var key = ApiKeyToken.FromRandomBytes(bytes);
            if (i == Keys / 2) _presented = key;
            db.ApiKeys.Add(new ApiKey
            {
                Name = "key-" + i, KeyHash = ApiKeyToken.Hash(key), DisplayPrefix = ApiKeyToken.DisplayPrefix(key),
                Role = Roles.Viewer, CreatedAt = TimeProvider.System.GetUtcNow(), CreatedBy = "bench",
            });
        }
        db.SaveChanges();
        _presentedHash = ApiKeyToken.Hash(_presented);
    }

    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    [Benchmark(Baseline = true)]
    public string? RawLookupOfKnownHash()
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Role FROM ApiKeys WHERE KeyHash = $hash";
        command.Parameters.AddWithValue("$hash", _presentedHash);
        return command.ExecuteScalar() as string;
    }

    // As ApiKeyAuthenticationHandler does it: a tracked row, because a stale LastUsedAt is updated on the same row.
    [Benchmark]
    public string? HashAndEfLookup()
    {
        using var db = _database.Context(audited: true);
        var hash = ApiKeyToken.Hash(_presented);
        return db.ApiKeys.SingleOrDefault(k => k.KeyHash == hash)?.Role;
    }
}
