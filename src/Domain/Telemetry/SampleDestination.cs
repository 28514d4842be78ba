using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry;

/// <summary>
/// The samples of one request bound for one rack or one host, packed for one grain call, with where each sample came
/// from in the request, for error reports. Every format ends here: a native batch's samples addressed by twin GPU id
/// (a rack) or by host and exporter GPU index (a host), a native rack or host group, and the series of a Prometheus
/// or OTLP body mapped per host.
/// </summary>
public sealed class SampleDestination(string key, bool isRack, bool isGroup = false, int capacity = SampleDestination.RackGpus)
{
    private const int RackGpus = 72;
    private int[] _indices = new int[Math.Max(capacity, 1)];

    /// <summary>The rack id, or the host name.</summary>
    public string Key { get; } = key;

    public bool IsRack { get; } = isRack;

    /// <summary>
    /// Whether <see cref="Indices"/> are GPU positions (a native group's, or the exporter's GPU index of a mapped
    /// series) rather than indices into a native batch's <c>samples</c> array.
    /// </summary>
    public bool IsGroup { get; } = isGroup;

    /// <summary>Sized for a rack of 72 GPUs (the common batch) unless told; it grows for more.</summary>
    public GpuSampleBatchBuilder Samples { get; } = new(capacity);

    /// <summary>A mapped host's GPUs with the Kubernetes workload their series name; null for racks and native batches.</summary>
    public HostWorkloads? Workloads { get; set; }

    /// <summary>For each packed sample, its index in the request's <c>samples</c> array, or its GPU position.</summary>
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Samples.Count);

    public void Add(int index, in PackedGpuSample sample, string? uuid)
    {
        if (Samples.Count == _indices.Length)
        {
            Array.Resize(ref _indices, _indices.Length * 2);
        }

        _indices[Samples.Count] = index;
        Samples.Add(sample, uuid);
    }
}
