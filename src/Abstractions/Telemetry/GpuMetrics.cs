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

    /// <summary>The power limit the GPU's driver enforces now, in W (dcgm-exporter <c>DCGM_FI_DEV_ENFORCED_POWER_LIMIT</c>).</summary>
    EnforcedPowerLimit = 256,

    /// <summary>
    /// Why the GPU's clocks are held down now: NVML's clocks-event (formerly clock-throttle) reasons bitmask
    /// (dcgm-exporter <c>DCGM_FI_DEV_CLOCKS_EVENT_REASONS</c>, once <c>DCGM_FI_DEV_CLOCK_THROTTLE_REASONS</c>).
    /// </summary>
    ClocksEventReasons = 512,
}
