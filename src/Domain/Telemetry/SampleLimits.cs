namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>What a sample may claim before it is rejected as impossible.</summary>
public sealed record SampleLimits(TimeSpan MaxFuture, TimeSpan MaxAge)
{
    public static SampleLimits Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
}
