using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>
/// Walks simulated records toward a classifier's decision boundary, where it is least sure: the confidence-collapse
/// drill. It finds two records the model labels differently, then bisects between them (numbers halfway, everything
/// else from the first record), keeping the half whose ends still disagree, for a few steps before starting over. When
/// <c>maxSearch</c> random records all get one label, the search widens: the caller draws unbounded numbers over a
/// range 10, then 100 times as wide (a model trained on amounts in the hundreds never disagrees with itself between 0
/// and 10). A model that never disagrees even then gets the records' mid-range instead. Not thread-safe: one walk per
/// simulator run.
/// </summary>
public sealed class BoundaryWalk(int maxSteps = 10, int maxSearch = 20)
{
    static readonly double[] Spreads = [1, 10, 100];
    Dictionary<string, JsonElement>? _low, _high;
    (Dictionary<string, JsonElement> Low, Dictionary<string, JsonElement> High, string? LowLabel)? _anchors;
    string? _lowLabel;
    int _steps, _searched, _round;

    /// <summary>How much wider than the simulator's default range to draw unbounded numbers while searching.</summary>
    public double Spread => Spreads[Math.Min(_round, Spreads.Length - 1)];

    /// <summary>The next record to send: a fresh random one (drawn at <see cref="Spread"/>) while searching, else the midpoint of the current pair.</summary>
    public Dictionary<string, JsonElement> Next(IReadOnlyList<FeatureSpec> contract, Func<double, Dictionary<string, JsonElement>> random)
    {
        if (_low is null || _high is null) return random(Spread);
        var middle = new Dictionary<string, JsonElement>(_low, StringComparer.Ordinal);
        foreach (var f in contract.Where(f => f.Type is FeatureTypes.Number or FeatureTypes.Integer))
        {
            if (!_low.TryGetValue(f.Name, out var a) || !_high.TryGetValue(f.Name, out var b) || a.ValueKind != JsonValueKind.Number || b.ValueKind != JsonValueKind.Number) continue;
            var half = (a.GetDouble() + b.GetDouble()) / 2;
            middle[f.Name] = JsonSerializer.SerializeToElement(f.Type == FeatureTypes.Integer ? Math.Round(half) : half);
        }
        return middle;
    }

    /// <summary>What the model said about the record <see cref="Next"/> gave.</summary>
    public void Observe(Dictionary<string, JsonElement> record, string? label)
    {
        if (_low is null)
        {
            (_low, _lowLabel) = (record, label);
        }
        else if (_high is null)
        {
            if (label != _lowLabel)
            {
                _high = record;
                _anchors = (_low, _high, _lowLabel);
            }
            else if (++_searched >= maxSearch)
            {
                // Widen the search, or give up after the widest round.
                (_low, _lowLabel, _searched) = (null, null, 0);
                GaveUp = ++_round >= Spreads.Length;
            }
        }
        else
        {
            if (label == _lowLabel) _low = record;
            else _high = record;
            if (++_steps >= maxSteps) Reset();
        }
    }

    /// <summary>True once a pair was found: the walk is bisecting.</summary>
    public bool IsBisecting => _low is not null && _high is not null;

    /// <summary>True when the search gave up on finding two labels: the caller sends mid-range records instead.</summary>
    public bool GaveUp { get; private set; }

    // A finished walk starts again from the first pair it found, which may have taken a long search to find (a model
    // that says "fraud" for one record in fifty): the drill wants uncertain predictions, not a new search.
    void Reset()
    {
        (_steps, _searched) = (0, 0);
        (_low, _high, _lowLabel) = _anchors is { } a ? (a.Low, a.High, a.LowLabel) : (null, null, null);
    }
}
