using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Domain.Performance.Leaks;

/// <summary>What one rack delivers now, with what it serves: the input to measured-against-modelled.</summary>
public sealed record RackDemand(
    string Rack,
    string Hall,
    string Gpu,
    int GpusReporting,
    string Telemetry,
    double MeasuredTokensPerSecond,
    WorkloadSpec? Workload);
