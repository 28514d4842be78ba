namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>
/// A rack's spec resolved against the catalog: the physical and workload figures a rack grain needs to
/// simulate itself and to price and power its telemetry, so that no grain reads the catalog on a hot path.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.RackProfile")]
public sealed record RackProfile(
    [property: Id(0)] string Gpu,
    [property: Id(1)] int Gpus,
    [property: Id(2)] double GpuTdpW,
    [property: Id(3)] double GpuIdleW,
    [property: Id(4)] double RackItKw,
    [property: Id(5)] double AllInKwPerGpu,
    [property: Id(6)] double TokensPerGpuPerSecond,
    [property: Id(7)] double OutputShare,
    [property: Id(8)] double UplinkGbps,
    [property: Id(9)] string Cooling,
    [property: Id(10)] double HbmGB)
{
    /// <summary>Everything in the rack that is not a GPU (CPUs, NICs, switch trays, fans, pumps) at full load.</summary>
    public double NonGpuKwAtFullLoad => Math.Max(0, RackItKw - Gpus * GpuTdpW / 1000.0);
}
