namespace TokenFactoryTwin.Gateway.Security;

/// <summary><c>Twin:RateLimit</c>: how many writes each API key (or, with keys off, each client address) may make per window.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerWindow { get; set; } = 600;

    public double WindowSeconds { get; set; } = 1;
}
