namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>
/// An accelerator from the hardware catalog: the economics InferenceX uses for it and the figures the throughput model
/// runs on (HBM size and bandwidth, dense tensor rates per precision, the scale-up link and domain).
/// </summary>
public sealed record GpuSpec(
    string Id,
    string Name,
    string Family,
    double TdpW,
    double IdleW,
    double HbmGB,
    double HbmTBps,
    double Bf16DenseTflops,
    double Fp8DenseTflops,
    double? Fp4DenseTflops,
    double ScaleUpGBps,
    int ScaleUpDomain,
    double AllInKwPerGpu,
    IReadOnlyDictionary<string, double> UsdPerGpuHour,
    IReadOnlyDictionary<string, string> Sources);
