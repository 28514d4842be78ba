using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// The samples of one native batch bound for one rack (addressed by twin GPU id) or one host (addressed by host and
/// exporter GPU index), packed for one grain call, with each sample's position in the request for error reports.
/// </summary>
public sealed class NativeDestination(string key, bool isRack)
{
    private readonly List<int> _indices = [];

    /// <summary>The rack id, or the host name.</summary>
    public string Key { get; } = key;

    public bool IsRack { get; } = isRack;

    public GpuSampleBatchBuilder Samples { get; } = new();

    /// <summary>For each packed sample, its index in the request's <c>samples</c> array.</summary>
    public IReadOnlyList<int> Indices => _indices;

    public void Add(int index, in PackedGpuSample sample, string? uuid)
    {
        Samples.Add(sample, uuid);
        _indices.Add(index);
    }
}
