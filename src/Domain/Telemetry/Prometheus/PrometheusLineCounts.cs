namespace TokenFactoryTwin.Domain.Telemetry.Prometheus;

/// <summary>
/// The sample lines of an exposition body: how many there were, how many went to the mapper or the meters, and how
/// many of those could not be read. The rest were series the twin does not map.
/// </summary>
public record struct PrometheusLineCounts(int Lines, int Mapped, int Metered, int Malformed)
{
    /// <summary>No line of the body could be read, though it had some.</summary>
    public readonly bool NoneReadable => Lines > 0 && Mapped + Metered == 0 && Malformed == Lines;
}
