namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>What a <see cref="DiscoveredSource"/> is: a host in no live rack, or a GPU its rack does not know.</summary>
public static class DiscoveredSourceKinds
{
    public const string Host = "host";
    public const string Gpu = "gpu";
}
