using System.Collections.Concurrent;
using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Gateway.Ingest;

/// <summary>
/// What this gateway last told each host about its GPUs' Kubernetes workloads, so that labels, which change when pods
/// are scheduled, ride a host's batch only when they change: a gigawatt's half a million labelled GPUs cost a hash
/// compare per GPU per scrape, not strings on the wire. Labels are sent again at least every
/// <see cref="RefreshEvery"/>, so a re-activated host or rack, or one another gateway told something else, learns them
/// again. Bounded: past <see cref="MaxHosts"/> hosts it starts over (every host then sends once more).
/// </summary>
public sealed class WorkloadLabelsSent(TimeProvider time)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    /// <summary>Above a gigawatt site's 133,200 hosts.</summary>
    public const int MaxHosts = 200_000;

    /// <summary>GPU indices past this are not remembered: their labels are sent with every batch (no real host has them).</summary>
    private const int MaxGpuIndex = 255;

    private readonly ConcurrentDictionary<(string Facility, string Host), Sent> _sent = new();

    /// <summary>The labels to send beside the host's batch, or null when the host was told the same lately.</summary>
    public HostWorkloads? ToSend(string facility, string host, HostWorkloads? seen)
    {
        if (seen is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var key = (facility, host);
        if (_sent.TryGetValue(key, out var last) && now - last.At < RefreshEvery && last.Holds(seen))
        {
            return null;
        }

        if (last is null && seen.Gpus.All(g => g.Workload is null))
        {
            return null; // nothing told yet and nothing labelled: the host's GPUs are unlabelled already
        }

        if (_sent.Count >= MaxHosts)
        {
            _sent.Clear();
        }

        _sent[key] = new Sent(now, last, seen);
        return seen;
    }

    /// <summary>A call that failed may not have delivered the labels: send them with the next batch.</summary>
    public void Forget(string facility, string host) => _sent.TryRemove((facility, host), out _);

    /// <summary>Each GPU's workload hash (0: none) by exporter index, and when the host was last told.</summary>
    private sealed class Sent
    {
        private readonly int[] _hashes;

        public Sent(DateTimeOffset at, Sent? before, HostWorkloads told)
        {
            var size = told.Gpus.Where(g => g.GpuIndex is >= 0 and <= MaxGpuIndex).Select(g => g.GpuIndex + 1).DefaultIfEmpty(0).Max();
            _hashes = new int[Math.Max(size, before?._hashes.Length ?? 0)];
            before?._hashes.CopyTo(_hashes, 0);
            foreach (var gpu in told.Gpus.Where(g => g.GpuIndex is >= 0 and <= MaxGpuIndex))
            {
                _hashes[gpu.GpuIndex] = Hash(gpu.Workload);
            }

            At = at;
        }

        public DateTimeOffset At { get; }

        public bool Holds(HostWorkloads seen) =>
            seen.Gpus.All(g => g.GpuIndex is >= 0 and <= MaxGpuIndex && g.GpuIndex < _hashes.Length && _hashes[g.GpuIndex] == Hash(g.Workload));

        private static int Hash(GpuWorkload? workload) => workload is null ? 0 : workload.GetHashCode() | 1;
    }
}
