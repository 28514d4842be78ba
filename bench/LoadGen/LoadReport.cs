namespace TokenFactoryTwin.LoadGen;

/// <summary>The one JSON line a run ends with.</summary>
public sealed record LoadReport(
    int Gpus,
    int Racks,
    int DurationSeconds,
    // Seconds sent before measuring, until the generator kept time (at least 5).
    int WarmupSeconds,
    string Form,
    int BatchSamples,
    int Concurrency,
    double SamplesPerSecond,
    long SamplesSent,
    long SamplesAccepted,
    long SamplesRejected,
    int Requests,
    int FailedRequests,
    int SecondsBehind,
    double LatencyP50Ms,
    double LatencyP99Ms,
    // How long one interval's batches (a second's, by default) took to write and send, all answered: over the interval, the generator falls behind.
    double SecondSendP50Ms,
    double SecondSendMaxMs,
    double FreshnessP50Ms,
    double FreshnessP99Ms,
    int FreshnessSteps,
    int FreshnessMissed,
    double CpuSecondsPerMillionSamples,
    double SiloCpuSecondsPerSecond,
    double GatewayCpuSecondsPerSecond,
    double SiloRssMB,
    double GatewayRssMB,
    // The silo's whole resident memory over the GPUs fed: an upper bound, as it includes the twin's own baseline.
    double SiloRssBytesPerGpu,
    // How often every GPU's sample is sent (--interval-ms): 1,000 is one sample per GPU per second.
    int IntervalMs = 1000,
    // From launching the twin's processes (--launched-at; else the generator's start) to the silo's startup line.
    double? TwinUpSeconds = null,
    // From the same moment to the first /api/facility answer counting every declared GPU reporting, no rack stale.
    double? FirstCompleteKpiSeconds = null,
    // CPU-seconds the silo and the gateway had spent by then (since they were launched).
    double? SiloCpuSecondsToFirstKpi = null,
    double? GatewayCpuSecondsToFirstKpi = null,
    // The machine's 1-minute load average when the generator started: the figures above depend on it.
    double? LoadAverage = null);
