namespace TokenFactoryTwin.Abstractions.Topology;

/// <summary>The load curves a simulated rack follows (<see cref="LoadCurveSpec.Kind"/>).</summary>
public static class LoadCurveKinds
{
    /// <summary>One level, all day.</summary>
    public const string Constant = "constant";

    /// <summary>A daily swing between a minimum and a maximum, peaking at an hour (UTC).</summary>
    public const string Diurnal = "diurnal";

    /// <summary>A replay of a recorded inference trace.</summary>
    public const string Trace = "trace";

    public static IReadOnlyList<string> All { get; } = [Constant, Diurnal, Trace];
}
