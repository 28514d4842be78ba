using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Performance.Leaks;

/// <summary>
/// What one rack delivers now, with what it serves and, where its inference servers report it, how many requests
/// they run: the input to measured-against-modelled.
/// </summary>
public sealed record RackDemand(
    string Rack,
    string Hall,
    string Gpu,
    int GpusReporting,
    string Telemetry,
    double MeasuredTokensPerSecond,
    WorkloadSpec? Workload,
    double OutputTokensPerSecond = 0,
    double RunningRequests = 0)
{
    /// <summary>
    /// The interactivity users see (output tokens/s per running request), when the rack's servers report running
    /// requests; rounded to whole tokens/s per user (tenths below 10), so that second-to-second jitter does not move
    /// the modelled figure or ask the resolver a new question each second.
    /// </summary>
    public double? ObservedInteractivity => RunningRequests >= 1 && OutputTokensPerSecond > 0
        ? OutputTokensPerSecond / RunningRequests is var perUser && perUser >= 10 ? Math.Round(perUser) : Math.Max(0.1, Math.Round(perUser, 1))
        : null;
}
