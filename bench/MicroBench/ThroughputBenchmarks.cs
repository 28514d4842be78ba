using BenchmarkDotNet.Attributes;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance;

namespace TokenFactoryTwin.MicroBench;

/// <summary>
/// The throughput model inside a planner's sweep: a whole Pareto front (every layout the hardware allows, 40
/// concurrencies each) and the best configuration at one interactivity, uncached, for a large MoE on NVL72 (the
/// largest search: replicas up to 72 GPUs, MTP on) and a dense model on HGX.
/// </summary>
public class ThroughputBenchmarks
{
    private static readonly TwinCatalog Catalog = CatalogLoader.BuiltIn;
    private ThroughputQuery _deepSeekGb300 = null!;
    private ThroughputQuery _llamaH200 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _deepSeekGb300 = Catalog.Throughput.Prepare(new ThroughputRequest("deepseek-r1-0528", "gb300", "fp4", 1024, 1024, Mtp: true)).Query!.Query;
        _llamaH200 = Catalog.Throughput.Prepare(new ThroughputRequest("llama-3.3-70b", "h200", "fp8", 1024, 1024)).Query!.Query;
    }

    [Benchmark(Description = "Front, DeepSeek-R1 FP4 + MTP on GB300 NVL72")]
    public IReadOnlyList<OperatingEstimate> FrontDeepSeek() => ThroughputSearch.Front(_deepSeekGb300, Catalog.Calibration);

    [Benchmark(Description = "Front, Llama-3.3-70B FP8 on HGX H200")]
    public IReadOnlyList<OperatingEstimate> FrontLlama() => ThroughputSearch.Front(_llamaH200, Catalog.Calibration);

    [Benchmark(Description = "Best configuration at 128 tok/s/user, DeepSeek-R1 FP4 + MTP on GB300")]
    public OperatingEstimate? AtDeepSeek() => ThroughputSearch.At(_deepSeekGb300, 128, Catalog.Calibration);
}
