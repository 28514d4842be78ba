namespace TokenFactoryTwin.Abstractions.Topology;

public static class TelemetrySourceKinds
{
    public const string Simulated = "simulated";
    public const string Live = "live";
}
