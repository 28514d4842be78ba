namespace TokenFactoryTwin.LoadGen;

/// <summary>The one JSON line a run ends with.</summary>
public sealed record LoadReport(
    int Gpus,
    int Racks,
    int DurationSeconds,
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
    double SiloRssBytesPerGpu);
