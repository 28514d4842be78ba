using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>Applies one change to a scenario model, all or nothing: either it returns no problems, or it changed nothing.</summary>
public static class ChangeApplier
{
    /// <param name="rackIdPrefix">What the racks this change plans are named after (unique per scenario and change).</param>
    public static IReadOnlyList<ChangeProblem> Apply(PlanModel model, ScenarioChange? change, string rackIdPrefix, TwinCatalog catalog)
    {
        var problems = new List<ChangeProblem>();
        switch (change)
        {
            case AddRacksChange add:
                RackChanges.AddRacks(problems, model, add, rackIdPrefix, catalog);
                break;
            case RemoveRacksChange remove:
                RackChanges.RemoveRacks(problems, model, remove);
                break;
            case ReplaceRacksChange replace:
                RackChanges.ReplaceRacks(problems, model, replace, catalog);
                break;
            case FailPowerNodeChange fail:
                SettingChanges.FailPowerNode(problems, model, fail);
                break;
            case SetPueChange pue:
                SettingChanges.SetPue(problems, model, pue);
                break;
            case SetEnergyPriceChange price:
                SettingChanges.SetEnergyPrice(problems, model, price);
                break;
            case SetCostModelChange cost:
                SettingChanges.SetCostModel(problems, model, cost, catalog);
                break;
            case SetWorkloadChange workload:
                SettingChanges.SetWorkload(problems, model, workload, catalog);
                break;
            case AddPowerNodeChange node:
                SettingChanges.AddPowerNode(problems, model, node);
                break;
            case SetPowerCapChange cap:
                PowerCapChanges.SetPowerCap(problems, model, cap, catalog);
                break;
            case FlexEventChange flex:
                PowerCapChanges.CheckFlexEvent(problems, flex, catalog);
                break;
            default:
                problems.Add(new("kind", $"is required and must be one of {string.Join(", ", ScenarioChangeKinds.All)}"));
                break;
        }

        return problems;
    }
}
