namespace TokenFactoryTwin.BrowserTests.Infrastructure;

/// <summary>Polls until a condition holds or a deadline passes: the twin aggregates and the page redraws on timers.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        T value = await read();
        while (!until(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what ?? "a condition"}; last value: {value}");
            }

            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}
