namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>The <c>kind</c> of each scenario change as it reads on the wire.</summary>
public static class ScenarioChangeKinds
{
    public const string AddRacks = "addRacks";
    public const string RemoveRacks = "removeRacks";
    public const string ReplaceRacks = "replaceRacks";
    public const string FailPowerNode = "failPowerNode";
    public const string SetPue = "setPue";
    public const string SetEnergyPrice = "setEnergyPrice";
    public const string SetCostModel = "setCostModel";
    public const string SetWorkload = "setWorkload";
    public const string AddPowerNode = "addPowerNode";
    public const string SetPowerCap = "setPowerCap";
    public const string FlexEvent = "flexEvent";

    public static IReadOnlyList<string> All { get; } =
        [AddRacks, RemoveRacks, ReplaceRacks, FailPowerNode, SetPue, SetEnergyPrice, SetCostModel, SetWorkload, AddPowerNode, SetPowerCap, FlexEvent];
}
