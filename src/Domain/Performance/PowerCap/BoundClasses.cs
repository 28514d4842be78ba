namespace TokenFactoryTwin.Domain.Performance.PowerCap;

/// <summary>The three classes a step's bound falls in for power capping, as they read on the wire.</summary>
public static class BoundClasses
{
    public const string Memory = "memory";
    public const string Compute = "compute";
    public const string Communication = "communication";
}
