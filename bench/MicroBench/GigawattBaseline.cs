using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Bench;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.MicroBench;

/// <summary>The 1 GW facility (7,400 GB300 racks) and every rack's figures at 80 % load, as the live twin would hold them.</summary>
public static class GigawattBaseline
{
    public const int Racks = 7400;
    public static readonly DateTimeOffset At = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    public static TwinCatalog Catalog => CatalogLoader.BuiltIn;

    public static FacilitySpec Facility { get; } = GigawattFacility.Build("giga", Racks, 500, GigawattFacility.Load("constant"));

    public static IReadOnlyList<RackSnapshot> Snapshots { get; } =
        Facility.Racks.Select(r => PlannedFigures.AtLoad(r, RackProfiles.Resolve(r, Catalog), 0.8, At) with { Virtual = false }).ToList();

    public static ScenarioBaseline Baseline { get; } = new(At, Facility, Snapshots);
}
