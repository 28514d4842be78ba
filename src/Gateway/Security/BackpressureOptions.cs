namespace TokenFactoryTwin.Gateway.Security;

/// <summary>
/// <c>Twin:Backpressure</c>: how many writes the gateway works on at once, and how many may wait for a turn. Past that
/// a write is refused at once with 429 and <c>Retry-After</c> rather than queued without bound.
/// </summary>
public sealed class BackpressureOptions
{
    public int MaxConcurrentWrites { get; set; } = 64;

    public int MaxQueuedWrites { get; set; } = 128;

    public int RetryAfterSeconds { get; set; } = 1;
}
