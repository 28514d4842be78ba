namespace TokenFactoryTwin.Domain.Telemetry.RemoteWrite;

/// <summary>What a remote-write request held: its series and samples, and how many samples went to the mappers and to the meters.</summary>
public record struct RemoteWriteCounts(int Series, int Samples, int Mapped, int Metered);
