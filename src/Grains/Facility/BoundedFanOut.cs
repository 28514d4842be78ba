namespace TokenFactoryTwin.Grains.Facility;

/// <summary>
/// Calls many grains with at most a window of calls outstanding. Sent all at once, the calls configuring a gigawatt
/// facility would each wait behind all the others, and those late in the queue would outlast Orleans' response
/// timeout however fast each one is; a window keeps every call's wait short.
/// </summary>
/// <remarks>
/// <paramref name="window"/> callers share one enumerator; that is safe because they all run on the calling grain's
/// scheduler, one at a time (only the calls they make run elsewhere). The first failure is rethrown once the other
/// callers have finished, as <see cref="Task.WhenAll(Task[])"/> over every call would report it.
/// </remarks>
internal static class BoundedFanOut
{
    public static async Task Run<T>(IEnumerable<T> items, int window, Func<T, Task> call)
    {
        using var next = items.GetEnumerator();
        await Task.WhenAll(Enumerable.Range(0, window).Select(_ => Caller()));

        async Task Caller()
        {
            while (next.MoveNext())
            {
                await call(next.Current);
            }
        }
    }
}
