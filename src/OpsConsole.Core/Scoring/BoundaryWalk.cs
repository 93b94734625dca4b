using System.Text.Json;
using OpsConsole.Registry;

namespace OpsConsole.Scoring;

/// <summary>
/// Walks simulated records toward a classifier's decision boundary, where it is least sure: the confidence-collapse
/// drill. It finds two records the model labels differently, then bisects between them (numbers halfway, everything
/// else from the first record), keeping the half whose ends still disagree, for a few steps before starting over. A
/// model whose random records never disagree within <c>maxSearch</c> tries gets the records' mid-range instead. Not
/// thread-safe: one walk per simulator run.
/// </summary>
public sealed class BoundaryWalk(int maxSteps = 10, int maxSearch = 20)
{
    Dictionary<string, JsonElement>? _low, _high;
    string? _lowLabel;
    int _steps, _searched;

    /// <summary>The next record to send: a fresh random one while searching, else the midpoint of the current pair.</summary>
    public Dictionary<string, JsonElement> Next(IReadOnlyList<FeatureSpec> contract, Func<Dictionary<string, JsonElement>> random)
    {
        if (_low is null || _high is null) return random();
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
            if (label != _lowLabel) _high = record;
            else if (++_searched >= maxSearch) Reset();
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

    void Reset()
    {
        GaveUp = _high is null;
        (_low, _high, _lowLabel, _steps, _searched) = (null, null, null, 0, 0);
    }
}
