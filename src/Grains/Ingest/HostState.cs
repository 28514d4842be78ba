using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>What a host keeps across restarts: where its GPUs sit and which UUID holds which of its slots.</summary>
[GenerateSerializer, Alias("tft.HostState")]
public sealed class HostState
{
    [Id(0)] public HostAssignment? Assignment { get; set; }

    /// <summary>GPU UUID → the host's local GPU position (0 .. Gpus-1).</summary>
    [Id(1)] public Dictionary<string, int> Uuids { get; set; } = [];
}
