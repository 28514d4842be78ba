namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>Which readings a <see cref="PackedGpuSample"/> carries: every metric of a sample is optional.</summary>
[Flags]
public enum GpuMetrics
{
    None = 0,
    Power = 1,
    Energy = 2,
    Utilization = 4,
    Temperature = 8,
    Memory = 16,
    PromptTokens = 32,
    GenerationTokens = 64,

    /// <summary>
    /// An inference server's running requests (a gauge). Server-level like the token counters, it is never packed into a
    /// GPU's sample: hosts and endpoints hand it to their racks (<c>IRackGrain.ObserveServing</c>).
    /// </summary>
    RunningRequests = 128,
}
