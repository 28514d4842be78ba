namespace TokenFactoryTwin.Domain.Timing;

/// <summary>
/// Gathers the items that arrive for one key within a short window into one call, and hands each caller its own
/// result: thousands of small calls a second become a few dozen larger ones, at the cost of at most the window's
/// delay. A window closes when it has waited <c>window</c> since its first item or holds <c>maxItems</c>; if the call
/// fails, every item of the window fails with it.
/// </summary>
/// <param name="send">The one call for a window's items: one result per item, in order.</param>
public sealed class WindowBatcher<TKey, TItem, TResult>(
    TimeSpan window, int maxItems, Func<TKey, IReadOnlyList<TItem>, Task<TResult[]>> send, TimeProvider time)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Window> _open = [];

    public Task<TResult> Add(TKey key, TItem item)
    {
        Window? full = null;
        Task<TResult> result;
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out var open))
            {
                open = new Window();
                _open[key] = open;
                _ = CloseLater(key, open);
            }

            result = open.Add(item);
            if (open.Items.Count >= maxItems)
            {
                _open.Remove(key);
                full = open;
            }
        }

        if (full is not null)
        {
            _ = Send(key, full);
        }

        return result;
    }

    private async Task CloseLater(TKey key, Window open)
    {
        await Task.Delay(window, time).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out var current) || current != open)
            {
                return; // sent already, full before its time
            }

            _open.Remove(key);
        }

        await Send(key, open).ConfigureAwait(false);
    }

    private async Task Send(TKey key, Window closed)
    {
        try
        {
            var results = await send(key, closed.Items).ConfigureAwait(false);
            if (results.Length != closed.Items.Count)
            {
                throw new InvalidOperationException($"a window of {closed.Items.Count} items came back with {results.Length} results");
            }

            for (var i = 0; i < results.Length; i++)
            {
                closed.Results[i].TrySetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var result in closed.Results)
            {
                result.TrySetException(e);
            }
        }
    }

    private sealed class Window
    {
        public List<TItem> Items { get; } = [];

        public List<TaskCompletionSource<TResult>> Results { get; } = [];

        public Task<TResult> Add(TItem item)
        {
            // Continuations run on the pool, not inline in the sender, so one window's callers do not queue behind each other.
            var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            Items.Add(item);
            Results.Add(result);
            return result.Task;
        }
    }
}
