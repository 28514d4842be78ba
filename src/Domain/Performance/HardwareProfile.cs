using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Performance;

/// <summary>A GPU's figures in SI units, as the throughput model reads them.</summary>
public sealed class HardwareProfile
{
    private readonly double[] _flops;

    public HardwareProfile(GpuSpec gpu, double scaleOutGbpsPerGpu)
    {
        Gpu = gpu;
        HbmBytes = gpu.HbmGB * 1e9;
        HbmBytesPerSecond = gpu.HbmTBps * 1e12;
        ScaleUpBytesPerSecond = gpu.ScaleUpGBps * 1e9;
        ScaleUpDomain = gpu.ScaleUpDomain;
        ScaleOutBytesPerSecond = scaleOutGbpsPerGpu * 1e9 / 8;
        _flops = [gpu.Bf16DenseTflops * 1e12, gpu.Fp8DenseTflops * 1e12, (gpu.Fp4DenseTflops ?? 0) * 1e12];
    }

    public GpuSpec Gpu { get; }

    public string Family => Gpu.Family;

    public double HbmBytes { get; }

    public double HbmBytesPerSecond { get; }

    public double ScaleUpBytesPerSecond { get; }

    public int ScaleUpDomain { get; }

    public double ScaleOutBytesPerSecond { get; }

    public bool Supports(Precision precision) => _flops[(int)precision] > 0;

    /// <summary>Dense tensor FLOP/s at a precision.</summary>
    public double Flops(Precision precision) => _flops[(int)precision];
}
