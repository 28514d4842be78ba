using System.Collections.Concurrent;

namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// Answers kept by key, at most <see cref="Capacity"/> of them. The keys come from callers (any interactivity, any
/// sequence length the API is asked for), so an unbounded dictionary would grow with every new question; when full,
/// the cache starts over, which costs one recomputation per key still in use (a curve takes under a millisecond).
/// </summary>
public sealed class BoundedAnswerCache<TKey, T>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, T> _answers = new();

    public int Capacity { get; } = capacity;

    public int Count => _answers.Count;

    public T GetOrAdd(TKey key, Func<TKey, T> compute)
    {
        if (_answers.TryGetValue(key, out var known))
        {
            return known;
        }

        if (_answers.Count >= Capacity)
        {
            _answers.Clear();
        }

        return _answers.GetOrAdd(key, compute);
    }
}
