namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// The requests an inference server was running at <see cref="Timestamp"/>, in the share that falls on one rack's GPUs:
/// with the rack's output tokens/s, it gives the interactivity users saw (tokens/s per user).
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.ServingShare")]
public sealed record ServingShare(
    [property: Id(0)] string Server,
    [property: Id(1)] double RunningRequests,
    [property: Id(2)] DateTimeOffset Timestamp);
