using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// The top of the staged aggregation: holds its halls' latest snapshots and its power nodes' statuses, and
/// derives the facility KPIs from them. Owns the facility's topology (declared by the facility file, plus racks
/// registered at run time) and configures every child grain from it.
/// </summary>
[Alias("tft.IFacilityGrain")]
public interface IFacilityGrain : IGrainWithStringKey
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

    [Alias("GetTopology")]
    Task<FacilitySpec?> GetTopology();

    [Alias("GetKpis")]
    Task<TwinKpis> GetKpis();

    [Alias("GetHalls")]
    Task<IReadOnlyList<TwinKpis>> GetHalls();

    [Alias("GetRacks")]
    Task<IReadOnlyList<RackSnapshot>> GetRacks();

    [Alias("GetPower")]
    Task<IReadOnlyList<PowerNodeStatus>> GetPower();

    [Alias("GetLinks")]
    Task<IReadOnlyList<NetworkLinkStatus>> GetLinks();

    [Alias("GetHistory")]
    Task<IReadOnlyList<KpiPoint>> GetHistory();

    /// <summary>The silo this facility grain runs on now (<c>S{host}:{port}:{generation}</c>), for operators and fault drills.</summary>
    [Alias("GetHostingSilo")]
    Task<string> GetHostingSilo();

    [Alias("ReportHall"), OneWay]
    Task ReportHall(HallSnapshot snapshot);

    /// <summary>A facility meter's reading: while fresh, it is the facility's measured power (and so its PUE).</summary>
    [Alias("ReportFacilityMeter"), OneWay]
    Task ReportFacilityMeter(double powerKw, DateTimeOffset at);

    [Alias("ReportPowerNode"), OneWay]
    Task ReportPowerNode(PowerNodeStatus status);
}
