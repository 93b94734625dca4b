using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Incidents.Runbooks;

/// <summary>A runbook's latest version, with its steps.</summary>
public sealed record RunbookView(string Slug, int Version, string Title, string Markdown, IReadOnlyList<RunbookStep> Steps, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>
/// A runbook edit: the whole Markdown (the title is its first heading), and the version the editor started from, so an
/// edit made on an older version than the latest is a conflict instead of silently dropping the edit in between.
/// </summary>
public sealed record RunbookEdit(string? Markdown, int? BaseVersion = null);

/// <summary>
/// Versioned runbooks: an edit adds a version, and an incident keeps the version it opened with, so a checklist ticked
/// during an incident still reads as it did then. Seeded with the console's runbooks for the common model incidents.
/// </summary>
public sealed class RunbookStore(OpsDbContext db, TimeProvider time, ILogger<RunbookStore> logger)
{
    public const string SeedActor = "system:runbooks";

    public async Task<List<RunbookView>> ListAsync(CancellationToken cancellationToken)
    {
        // Only each slug's latest version leaves the database: older ones keep their Markdown for the incidents that use them.
        var latest = db.Runbooks.GroupBy(r => r.Slug).Select(g => new { Slug = g.Key, Version = g.Max(r => r.Version) });
        var rows = await db.Runbooks.AsNoTracking().Where(r => latest.Any(l => l.Slug == r.Slug && l.Version == r.Version)).ToListAsync(cancellationToken);
        return [.. rows.Select(View).OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<RunbookView?> GetAsync(string slug, int? version, CancellationToken cancellationToken)
    {
        var row = await db.Runbooks.AsNoTracking().Where(r => r.Slug == slug && (version == null || r.Version == version))
            .OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : View(row);
    }

    public async Task<List<int>> VersionsAsync(string slug, CancellationToken cancellationToken) =>
        await db.Runbooks.AsNoTracking().Where(r => r.Slug == slug).OrderByDescending(r => r.Version).Select(r => r.Version).ToListAsync(cancellationToken);

    /// <summary>Adds a version (or the first one, for a new slug).</summary>
    public async Task<Outcome<RunbookView>> SaveAsync(string slug, RunbookEdit edit, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!System.Text.RegularExpressions.Regex.IsMatch(slug, "^[a-z0-9][a-z0-9-]{0,63}$")) errors["slug"] = ["Use lower-case letters, digits and dashes (at most 64)."];
        var markdown = edit.Markdown?.Replace("\r\n", "\n", StringComparison.Ordinal) ?? "";
        var title = RunbookMarkdown.Title(markdown);
        if (string.IsNullOrWhiteSpace(markdown)) errors["markdown"] = ["Write the runbook."];
        else if (markdown.Length > IncidentRules.MaxRunbookLength) errors["markdown"] = [$"Keep a runbook under {IncidentRules.MaxRunbookLength} characters."];
        else if (title.Length == 0) errors["markdown"] = ["Start with a level-1 heading (# Title): it is the runbook's title."];
        else if (title.Length > 200) errors["markdown"] = ["Keep the title under 200 characters."];
        if (errors.Count > 0) return Outcome.Invalid<RunbookView>(errors);
        var latest = await db.Runbooks.Where(r => r.Slug == slug).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        if (edit.BaseVersion is { } basis && latest is not null && latest.Version != basis)
        {
            return Outcome.Conflict<RunbookView>($"Runbook '{slug}' is at version {latest.Version} ({latest.CreatedBy}, {latest.CreatedAt:u}) since you started from version {basis}. "
                + "Reload it, apply your edit to the latest version and save again.");
        }
        if (latest?.Markdown == markdown) return Outcome.Done(View(latest));
        var row = new Runbook { Slug = slug, Version = (latest?.Version ?? 0) + 1, Title = title, Markdown = markdown, CreatedAt = time.GetUtcNow(), CreatedBy = actor };
        db.Runbooks.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Outcome.Conflict<RunbookView>($"Someone saved runbook '{slug}' at the same moment; reload it and apply your edit again.");
        }
        return Outcome.Done(View(row));
    }

    /// <summary>Adds each seeded runbook that the database lacks; edits people made are never overwritten.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var present = await db.Runbooks.Select(r => r.Slug).Distinct().ToListAsync(cancellationToken);
        foreach (var seeded in SeededRunbooks.All.Where(s => !present.Contains(s.Slug)))
        {
            db.Runbooks.Add(new Runbook { Slug = seeded.Slug, Version = 1, Title = seeded.Title, Markdown = seeded.Markdown, CreatedAt = time.GetUtcNow(), CreatedBy = SeedActor });
            logger.RunbookSeeded(seeded.Slug, 1);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another server starting at the same moment seeded them first; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.Runbooks.AsNoTracking().AnyAsync(cancellationToken)) throw;
        }
    }

    static RunbookView View(Runbook r) => new(r.Slug, r.Version, r.Title, r.Markdown, RunbookMarkdown.Steps(r.Markdown), r.CreatedAt, r.CreatedBy);
}
