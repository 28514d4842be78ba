namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>The two sides of a dual-corded power path, as facility files and plans spell them.</summary>
public static class PowerSides
{
    public const string A = "A";
    public const string B = "B";

    public static IReadOnlyList<string> All { get; } = [A, B];
}
