namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>How a hall is cooled and what a rack type needs, as facility files and the catalog spell it.</summary>
public static class CoolingKinds
{
    public const string Air = "air";
    public const string Liquid = "liquid";

    public static IReadOnlyList<string> All { get; } = [Air, Liquid];
}
