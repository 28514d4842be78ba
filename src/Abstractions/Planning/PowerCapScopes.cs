namespace TokenFactoryTwin.Abstractions.Planning;

/// <summary>What a <see cref="SetPowerCapChange"/> covers, as it reads on the wire.</summary>
public static class PowerCapScopes
{
    public const string Facility = "facility";
    public const string Hall = "hall";
    public const string RackType = "rackType";
    public const string Rack = "rack";

    public static IReadOnlyList<string> All { get; } = [Facility, Hall, RackType, Rack];
}
