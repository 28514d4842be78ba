using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance.PowerCap;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// What a per-GPU power cap does to a rack's figures: worked out from the rack's uncapped figures each time, so caps
/// replace each other rather than compound. The rest of the rack (CPUs, NICs, fans) is assumed to draw what it did.
/// </summary>
public static class RackCapping
{
    /// <summary>The rack's GPU power curve at its reported load; null when no GPU reports or the GPU is not in the catalog.</summary>
    public static GpuPowerCurve? Curve(PlannedRack rack, TwinCatalog catalog)
    {
        var natural = rack.Natural;
        if (natural.GpusReporting <= 0 || natural.Stale || catalog.FindGpu(natural.Gpu) is not { } gpu)
        {
            return null;
        }

        var drawW = natural.GpuPowerKw * 1000 / natural.GpusReporting;
        return new GpuPowerCurve(gpu.IdleW, gpu.TdpW, drawW, catalog.StepMixes.For(rack.Workload, natural.Gpu));
    }

    public static PlannedRack Cap(PlannedRack rack, double capW, TwinCatalog catalog)
    {
        var natural = rack.Natural;
        if (Curve(rack, catalog) is not { } curve)
        {
            return rack with { CapWPerGpu = capW, Uncapped = natural, Figures = natural };
        }

        var speed = curve.SpeedAt(capW);
        var gpuKw = curve.DrawUnder(capW) * natural.GpusReporting / 1000;
        var figures = natural with
        {
            GpuPowerKw = gpuKw,
            ItPowerKw = natural.ItPowerKw - (natural.GpuPowerKw - gpuKw),
            TokensPerSecond = natural.TokensPerSecond * speed,
            OutputTokensPerSecond = natural.OutputTokensPerSecond * speed,
        };
        return rack with { CapWPerGpu = capW, Uncapped = natural, Figures = figures };
    }
}
