using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// The facility's topology face: owns what the twin runs (declared by the facility file, plus racks registered at run
/// time), configures every child grain from it, and answers where a host, link or rack sits. Its KPI face,
/// <see cref="IFacilityKpiGrain"/>, is the same grain under the same key.
/// </summary>
[Alias("tft.IFacilityTopologyGrain")]
public interface IFacilityTopologyGrain : IGrainWithStringKey
{
    /// <summary>Adopts the declared topology (the facility file wins for what it declares) and configures every child. Idempotent.</summary>
    /// <remarks>
    /// Given minutes rather than Orleans' default 30 s: a gigawatt facility's first start configures thousands of
    /// grains, and on a busy machine that may take longer than 30 s. A silo start that fails for want of a few
    /// seconds is worse than one that takes them.
    /// </remarks>
    [Alias("Start"), ResponseTimeout("00:05:00")]
    Task Start(FacilitySpec declared, TwinTiming timing);

    /// <summary>
    /// Adds racks to the live twin at run time and persists them: all or none. Ids that exist already are a clash;
    /// racks that do not fit the facility (unknown hall, rack type or power node, …) are invalid.
    /// </summary>
    [Alias("RegisterRacks")]
    Task<TwinCommandResult> RegisterRacks(IReadOnlyList<RackSpec> racks);

    /// <summary>Removes a rack registered at run time (racks the facility file declares are changed in the file).</summary>
    [Alias("RemoveRack")]
    Task<TwinCommandResult> RemoveRack(string rackId);

    /// <summary>
    /// Where a host of a live rack sits (its rack and slots), from the topology; null if no live rack lists it. Hosts
    /// ask on first use rather than being told at configuration. Interleaves: a lookup need not wait for a start.
    /// </summary>
    [Alias("FindHost"), AlwaysInterleave]
    Task<HostAssignment?> FindHost(string hostname);

    /// <summary>A network link's spec from the topology; null if the facility has no such link. Interleaves, as <see cref="FindHost"/>.</summary>
    [Alias("FindLink"), AlwaysInterleave]
    Task<NetworkLinkSpec?> FindLink(string linkId);

    /// <summary>
    /// A rack's configuration from the topology; null if the facility runs no such rack (or is not started yet). A
    /// rack asks when it activates: the facility is the one place a configuration is kept. Interleaves, as
    /// <see cref="FindHost"/>: a start is waking the very racks that ask.
    /// </summary>
    [Alias("GetRackConfig"), AlwaysInterleave]
    Task<RackConfig?> GetRackConfig(string rackId);

    [Alias("GetTopology")]
    Task<FacilitySpec?> GetTopology();

    /// <summary>
    /// The facility file's carbon settings alone (null without any): what the meter, the carbon API and the planner
    /// need, without the whole topology, which is 16 MB of messages at a gigawatt. Interleaves, as <see cref="FindHost"/>.
    /// </summary>
    [Alias("GetCarbon"), AlwaysInterleave]
    Task<CarbonSpec?> GetCarbon();

    /// <summary>
    /// Whether the facility runs: started (now or before a re-activation) and not configuring its children for a
    /// start. Gateways hold telemetry back (503, retry) until it does: samples sent while 7,400 racks are being woken
    /// and configured wait behind that work for seconds, and arrive too old to count. Interleaves, as <see cref="FindHost"/>.
    /// </summary>
    [Alias("IsRunning"), AlwaysInterleave]
    Task<bool> IsRunning();
}
