namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>
/// The throughput a workload runs at on one GPU type, and where that figure comes from: <see cref="Origin"/> is
/// <c>published</c> (a catalog curve or point, named in <see cref="Source"/>) or <c>modelled</c> (the throughput
/// model, with the configuration it chose in <see cref="Source"/>).
/// </summary>
public sealed record ResolvedOperatingPoint(double TokensPerGpuPerSecond, double OutputShare, string Source, string Origin = ResolvedOperatingPoint.Published)
{
    public const string Published = "published";
    public const string Modelled = "modelled";
}
