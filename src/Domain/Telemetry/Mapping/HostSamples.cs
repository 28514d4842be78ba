using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// One host's GPU samples as a body's series arrive, packed as they come: every reading of one GPU at one instant
/// lands in the same packed sample, so a scrape's five series per GPU make one sample and the host one grain call.
/// Under MIG a GPU repeats as several series: device-level values (power, energy, temperature, utilisation) are
/// taken once, never summed; memory used is per instance and is summed, each instance once.
/// </summary>
internal sealed class HostSamples(string host)
{
    /// <summary>An 8-GPU server, the common case; a larger one grows the batch.</summary>
    private const int HostGpus = 8;

    private readonly Dictionary<(int Gpu, long Ms), int> _positions = [];
    private Dictionary<int, HashSet<string>>? _memoryInstances;
    private SortedDictionary<int, LabelledGpu>? _workloads;

    /// <summary>The batch for the host's grain; each sample's GPU position is the exporter's GPU index.</summary>
    public SampleDestination Destination { get; } = new(host, isRack: false, isGroup: true, HostGpus);

    /// <summary>Whether the workload of <paramref name="gpu"/> is still to be noted: its first series in the body says it.</summary>
    public bool Unnoted(int gpu) => _workloads is null || !_workloads.ContainsKey(gpu);

    /// <summary>The workload of a GPU seen in the body (null: its series carry no pod), noted once per GPU.</summary>
    public void Note(int gpu, string? uuid, GpuWorkload? workload) => (_workloads ??= [])[gpu] = new LabelledGpu(gpu, uuid, workload);

    /// <summary>Hands the batch every GPU seen with its workload, by index; called once the body is read.</summary>
    public void Complete()
    {
        if (_workloads is not null)
        {
            Destination.Workloads = new HostWorkloads([.. _workloads.Values]);
        }
    }

    public void Set(int gpu, long ms, GpuMetrics reading, double value, scoped in SeriesLabels labels)
    {
        var samples = Destination.Samples;
        if (!_positions.TryGetValue((gpu, ms), out var at))
        {
            at = samples.Count;
            _positions.Add((gpu, ms), at);
            Destination.Add(gpu, new PackedGpuSample(gpu, GpuMetrics.None, ms, default), null);
        }

        if (samples.UuidAt(at) is null && labels.TryGetUuid(out var uuid))
        {
            samples.SetUuid(at, uuid.ToString());
        }

        ref var sample = ref samples[at];
        if (reading == GpuMetrics.Memory && labels.TryGetMigInstance(out var instance))
        {
            var instances = (_memoryInstances ??= []).TryGetValue(at, out var seen) ? seen : _memoryInstances[at] = [];
            if (instances.Add(instance.ToString()))
            {
                sample = sample.With(GpuMetrics.Memory, (sample.Has(GpuMetrics.Memory) ? sample.Readings.MemoryUsedMiB : 0) + value);
            }

            return;
        }

        // Device-level values repeat on every MIG instance (and a duplicated series repeats itself): the first one wins.
        if (!sample.Has(reading))
        {
            sample = sample.With(reading, value);
        }
    }
}
