using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Grains.Rack;

/// <summary>
/// A GPU's addressable face, keyed <c>{facility}/{rack}/{index}</c>. Its samples live in its rack, the unit of
/// ingestion (one grain call per GPU per second would cost a gigawatt twin both cores), so it reads them there.
/// </summary>
public sealed class GpuGrain : Grain, IGpuGrain
{
    public Task<GpuStatus?> GetStatus()
    {
        var key = this.GetPrimaryKeyString();
        var lastSeparator = key.LastIndexOf(TwinKeys.Separator);
        var index = int.Parse(key.AsSpan(lastSeparator + 1), System.Globalization.CultureInfo.InvariantCulture);
        return GrainFactory.Reference<IRackGrain>(key[..lastSeparator]).GetGpu(index);
    }
}
