using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>
/// The facility's KPI face, the top of the staged aggregation: takes its halls' snapshots, its power trees' statuses
/// and its meter's readings, derives the facility KPIs from them once a period, and serves what it holds. Its
/// topology face, <see cref="IFacilityTopologyGrain"/>, is the same grain under the same key.
/// </summary>
/// <remarks>
/// Its alias, and each method's, is the one the facility's single interface had before the topology face was split
/// off: a gateway or silo of the earlier shape still reads the facility's figures and still reports halls and meters
/// to it during a rolling upgrade.
/// </remarks>
[Alias("tft.IFacilityGrain")]
public interface IFacilityKpiGrain : IGrainWithStringKey
{
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

    /// <summary>
    /// KPIs, halls, racks, power and links in one call, the racks gathered from the halls once and the links derived
    /// from those same racks: what a live view needs each second, for one call instead of five.
    /// </summary>
    [Alias("GetView")]
    Task<FacilityOverview> GetView();

    /// <summary>Tokens, power and cost per tenant and per model, facility-wide and per hall.</summary>
    [Alias("GetWorkloads")]
    Task<FacilityWorkloads> GetWorkloads();

    /// <summary>The last hour at one point a flush, oldest first; a stretch without points is a gap (the twin was down).</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<KpiPoint>> GetHistory();

    /// <summary>The last day at one point a minute (each the mean of its minute), oldest first.</summary>
    [Alias("GetDayHistory")]
    Task<IReadOnlyList<KpiPoint>> GetDayHistory();

    /// <summary>The silo this facility grain runs on now (<c>S{host}:{port}:{generation}</c>), for operators and fault drills.</summary>
    [Alias("GetHostingSilo")]
    Task<string> GetHostingSilo();

    [Alias("ReportHall"), OneWay]
    Task ReportHall(HallSnapshot snapshot);

    /// <summary>A facility meter's reading: while fresh, it is the facility's measured power (and so its PUE).</summary>
    [Alias("ReportFacilityMeter"), OneWay]
    Task ReportFacilityMeter(double powerKw, DateTimeOffset at);

    /// <summary>Every status of one power tree, sent by its root once a period (see <see cref="PowerBranchReport"/>).</summary>
    [Alias("ReportPowerTree"), OneWay]
    Task ReportPowerTree(IReadOnlyList<PowerNodeStatus> statuses);
}
