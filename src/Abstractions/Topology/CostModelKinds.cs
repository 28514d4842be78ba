namespace TokenFactoryTwin.Abstractions.Topology;

public static class CostModelKinds
{
    public const string PriceTier = "priceTier";
    public const string Tco = "tco";
}
