namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>A rack type's scale-out network: NIC ports per GPU and their speed.</summary>
public sealed record ScaleOutSpec(int PortsPerGpu, double PortGbps);
