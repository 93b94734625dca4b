using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Monitoring;

/// <summary>
/// One stored drift run, as the history API and the monitoring page show it, with the reference it compared against:
/// a production window, or the training holdout (<c>referenceSource</c>), whose from and to are its creation time.
/// </summary>
public sealed record DriftPointView(DateTimeOffset ComputedAt, int Version, long ReferenceRows, long CurrentRows, double DriftShare, bool DatasetDrift,
    IReadOnlyList<DriftColumnView> Columns, DateTimeOffset ReferenceFrom, DateTimeOffset ReferenceTo, string ReferenceSource = ReferenceSources.Window);

/// <summary>Reads the drift time series the <see cref="DriftJob"/> writes.</summary>
public sealed class DriftHistory(OpsDbContext db)
{
    public const int MaxPoints = 2000;
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Oldest first, at most <see cref="MaxPoints"/> (the latest ones) between the two times.</summary>
    public async Task<IReadOnlyList<DriftPointView>> ForAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await db.DriftSnapshots.AsNoTracking()
            .Where(s => s.Model == model && s.ComputedAt >= from && s.ComputedAt <= to)
            .OrderByDescending(s => s.ComputedAt).Take(MaxPoints).ToListAsync(cancellationToken);
        rows.Reverse();
        return rows.ConvertAll(s => new DriftPointView(s.ComputedAt, s.Version, s.ReferenceRows, s.CurrentRows, s.DriftShare, s.DatasetDrift,
            JsonSerializer.Deserialize<List<DriftColumnView>>(s.ColumnsJson, Json) ?? [], s.ReferenceFrom, s.ReferenceTo, s.ReferenceSource));
    }
}
