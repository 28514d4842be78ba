namespace TokenFactoryTwin.FaultTests.Infrastructure;

/// <summary>Polls with a deadline: no sleeps as synchronisation.</summary>
public static class Wait
{
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
