namespace OpsConsole.Monitoring;

/// <summary>
/// A uniform sample of at most <c>capacity</c> items from a stream of unknown length (Vitter's algorithm R): every item
/// seen ends up in the sample with the same probability capacity / seen. Seeded, so the same rows give the same sample
/// and a drift figure can be reproduced.
/// </summary>
public sealed class ReservoirSample<T>(int capacity, int seed = 20261201)
{
    readonly List<T> _items = new(Math.Min(capacity, 4096));
    readonly Random _random = new(seed);

    public long Seen { get; private set; }
    public IReadOnlyList<T> Items => _items;
    public bool IsSampled => Seen > capacity;

    public void Add(T item)
    {
        Seen++;
        if (_items.Count < capacity)
        {
            _items.Add(item);
            return;
        }
        var slot = _random.NextInt64(Seen);
        if (slot < capacity) _items[(int)slot] = item;
    }
}
