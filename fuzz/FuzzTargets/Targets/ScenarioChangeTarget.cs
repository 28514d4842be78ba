using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.FuzzTargets.Targets;

/// <summary>
/// A planner change (<c>POST /api/scenarios/{id}/changes</c>): read from its JSON, then applied to a plan of the
/// default facility. Anything wrong is a list of problems with the field named, at either stage, never a throw.
/// </summary>
public sealed class ScenarioChangeTarget : IFuzzTarget
{
    private static readonly ScenarioBaseline Baseline = DefaultBaseline();

    public string Name => "scenario-change";

    public bool Run(ReadOnlyMemory<byte> input)
    {
        var (change, problems) = ChangeJson.Read(input);
        if (change is null || problems.Count > 0)
        {
            return false;
        }

        var model = PlanBuilder.FromBaseline(Baseline, CatalogLoader.BuiltIn);
        return ChangeApplier.Apply(model, change, "fz-", CatalogLoader.BuiltIn).Count == 0;
    }

    /// <summary>The default facility with every rack at its operating point, as a fork of the live twin would see it.</summary>
    private static ScenarioBaseline DefaultBaseline()
    {
        var catalog = CatalogLoader.BuiltIn;
        var spec = FacilityFile.LoadDefault(catalog);
        return new ScenarioBaseline(FuzzFixtures.Now, spec,
            [.. spec.Racks.Select(r => PlannedFigures.AtLoad(r, RackProfiles.Resolve(r, catalog), 0.9, FuzzFixtures.Now) with { Virtual = false })]);
    }
}
