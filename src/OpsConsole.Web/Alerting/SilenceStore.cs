using Microsoft.EntityFrameworkCore;
using OpsConsole.Registry;

namespace OpsConsole.Alerting;

/// <summary>Creates, lists and ends silences; a silence mutes notifications and incident creation for matching alerts while active.</summary>
public sealed class SilenceStore(OpsDbContext db, TimeProvider time)
{
    static readonly Dictionary<string, MatchOperator> Operators = new(StringComparer.Ordinal)
    {
        ["="] = MatchOperator.Equal, ["!="] = MatchOperator.NotEqual, ["=~"] = MatchOperator.Regex, ["!~"] = MatchOperator.NotRegex,
    };

    public static string OperatorText(MatchOperator op) => Operators.Single(o => o.Value == op).Key;

    public async Task<List<SilenceView>> ListAsync(bool includeExpired, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.AlertSilences.AsNoTracking().Where(s => includeExpired || s.EndsAt > now).OrderByDescending(s => s.StartsAt).Take(500).ToListAsync(cancellationToken);
        return rows.ConvertAll(s => View(s, now));
    }

    public async Task<Outcome<SilenceView>> CreateAsync(NewSilence input, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var matchers = new List<StoredMatcher>();
        var given = input.Matchers ?? [];
        if (given.Count == 0) errors["matchers"] = ["Give at least one matcher, such as model = card-fraud."];
        if (given.Count > 20) errors["matchers"] = ["Use at most 20 matchers."];
        for (var i = 0; i < given.Count; i++)
        {
            var m = given[i];
            if (m is null || !Operators.TryGetValue(m.Operator ?? "", out var op))
            {
                errors[$"matchers[{i}].operator"] = ["Use =, !=, =~ or !~."];
                continue;
            }
            var matcher = new LabelMatcher(m.Name ?? "", op, m.Value ?? "");
            if (matcher.Problem() is { } problem) errors[$"matchers[{i}]"] = [problem];
            else matchers.Add(new StoredMatcher(matcher.Name, op, matcher.Value));
        }
        var starts = input.StartsAt ?? now;
        if (input.EndsAt is not { } ends) errors["endsAt"] = ["Say when the silence ends."];
        else if (ends <= starts) errors["endsAt"] = ["The silence must end after it starts."];
        else if (ends < now) errors["endsAt"] = ["The silence would already be over."];
        else if (ends - starts > TimeSpan.FromDays(30)) errors["endsAt"] = ["Silence for at most 30 days; a longer one is a rule to change."];
        if (string.IsNullOrWhiteSpace(input.Comment)) errors["comment"] = ["Say why, so the next person knows whether the silence still matters."];
        else if (input.Comment.Length > 1000) errors["comment"] = ["Use at most 1000 characters."];
        if (errors.Count > 0) return Outcome.Invalid<SilenceView>(errors);
        var row = new AlertSilence { Matchers = matchers, StartsAt = starts, EndsAt = input.EndsAt!.Value, CreatedBy = actor, Comment = input.Comment!.Trim(), CreatedAt = now };
        db.AlertSilences.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(View(row, now));
    }

    /// <summary>Ends a silence now (it stays in the list as expired, with who set it and why).</summary>
    public async Task<Outcome<SilenceView>> ExpireAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = await db.AlertSilences.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (row is null) return Outcome.NotFound<SilenceView>($"There is no silence {id}.");
        if (row.EndsAt <= now) return Outcome.Conflict<SilenceView>($"Silence {id} has already expired.");
        (row.StartsAt, row.EndsAt) = (row.StartsAt < now ? row.StartsAt : now, now);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done(View(row, now));
    }

    static SilenceView View(AlertSilence s, DateTimeOffset now) => new(s.Id, [.. s.Matchers.Select(m => new MatcherView(m.Name, OperatorText(m.Operator), m.Value))],
        s.StartsAt, s.EndsAt, s.CreatedBy, s.Comment, s.CreatedAt, s.ToSilence().StateAt(now).ToString().ToLowerInvariant());
}
