namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// An inference server's cumulative token counters at one instant, and the requests it was running then. Servers
/// carry no GPU id, so these are spread evenly over the GPUs the server runs on (a host's, or a registered endpoint's).
/// <see cref="Model"/> is the model the server names (<c>model_name</c>), where it does.
/// </summary>
[GenerateSerializer, Immutable, Alias("tft.ServerTokens")]
public sealed record ServerTokens(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] double? PromptTokens,
    [property: Id(2)] double? GenerationTokens,
    [property: Id(3)] double? RunningRequests = null,
    [property: Id(4)] string? Model = null);
