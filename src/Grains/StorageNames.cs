namespace TokenFactoryTwin.Grains;

/// <summary>The grain storage providers the twin's grains persist to.</summary>
public static class StorageNames
{
    /// <summary>Topology, registrations, scenarios and settings: what must survive a restart.</summary>
    public const string Twin = "twin";
}
