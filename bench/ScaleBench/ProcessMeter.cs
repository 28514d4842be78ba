using System.Diagnostics;

namespace TokenFactoryTwin.ScaleBench;

/// <summary>This process's CPU time, allocations and collections since a starting point.</summary>
public sealed class ProcessMeter
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: false);
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly int _gen1 = GC.CollectionCount(1);
    private readonly int _gen2 = GC.CollectionCount(2);
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();

    public double WallSeconds => _wall.Elapsed.TotalSeconds;

    public double CpuSeconds => (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds;

    public double AllocatedMegabytes => (GC.GetTotalAllocatedBytes(precise: false) - _allocated) / 1e6;

    public (int Gen0, int Gen1, int Gen2) Collections =>
        (GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2);

    public double GcPauseSeconds => (GC.GetTotalPauseDuration() - _paused).TotalSeconds;

    /// <summary>Live managed heap after a full, compacting collection: what the process really holds.</summary>
    public static long LiveHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    public static long WorkingSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
