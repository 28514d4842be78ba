namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>An accelerator from the hardware catalog, with the economics InferenceX uses for it.</summary>
public sealed record GpuSpec(
    string Id,
    string Name,
    double TdpW,
    double IdleW,
    double HbmGB,
    double AllInKwPerGpu,
    IReadOnlyDictionary<string, double> UsdPerGpuHour,
    IReadOnlyDictionary<string, string> Sources);
