using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Domain.Performance.PowerCap;

/// <summary>
/// The step mix a workload runs at on a GPU, from the throughput model's best configuration at the workload's
/// interactivity (a published point has no terms, so the model's configuration at the same service stands in for it).
/// Cached: racks of one workload and GPU share one answer, and a flex plan over 7,400 racks asks once per kind. The
/// workloads come from planners' changes too (any interactivity, any sequence length), so the cache is bounded.
/// </summary>
public sealed class StepMixes(TwinCatalog catalog)
{
    private const int CachedMixes = 4096;

    private readonly BoundedAnswerCache<(WorkloadSpec Workload, string Gpu), StepMix> _mixes = new(CachedMixes);

    /// <summary>The interactivity a rack's workload is served at: its own, else the twin's default.</summary>
    public static double Interactivity(WorkloadSpec? workload) => workload?.Interactivity ?? ThroughputResolver.DefaultInteractivity;

    public StepMix For(WorkloadSpec? workload, string gpu)
    {
        var key = (workload ?? new WorkloadSpec(RackProfiles.DefaultModel), gpu);
        return _mixes.GetOrAdd(key, k =>
        {
            var (query, problem) = catalog.Throughput.Prepare(new ThroughputRequest(k.Workload.Model, k.Gpu, k.Workload.Precision,
                k.Workload.InputTokens, k.Workload.OutputTokens, k.Workload.Mtp ?? false, k.Workload.Interactivity));
            if (problem is not null || query is null)
            {
                return StepMix.DecodeLike;
            }

            var estimate = ThroughputSearch.At(query.Query, Interactivity(k.Workload), catalog.Calibration);
            return estimate is null ? StepMix.DecodeLike : StepMix.From(estimate.Terms);
        });
    }
}
