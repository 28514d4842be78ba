using System.Text.Json;

namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// What happened between the twin's launch and its first complete KPI, one JSON line per event in <c>--timeline</c>:
/// each interval the generator sent (how long its batches took, how many samples were accepted, how many requests
/// failed) and each facility reading (GPUs counted and reporting, stale racks). A slow start shows here whether the
/// twin was still configuring, refusing samples, or answering late; the figures of the run do not say which.
/// </summary>
public sealed class StartupTimeline(string? path, DateTimeOffset launchedAt) : IDisposable
{
    private readonly StreamWriter? _out = path is null ? null : new StreamWriter(path) { AutoFlush = true };
    private readonly Lock _writing = new();
    private bool _closed;

    public void Interval(long tick, double sendMs, long accepted, int failedRequests) =>
        Write(new { kind = "interval", at = Since(), tick, sendMs = Math.Round(sendMs), accepted, failedRequests });

    public void Reading(JsonElement kpis) =>
        Write(new
        {
            kind = "reading",
            at = Since(),
            gpus = kpis.GetProperty("gpus").GetInt32(),
            gpusReporting = kpis.GetProperty("gpusReporting").GetInt32(),
            staleRacks = kpis.GetProperty("staleRacks").GetInt32(),
            stale = kpis.GetProperty("stale").GetBoolean(),
        });

    /// <summary>Stops writing: the start is over once the first complete KPI was seen.</summary>
    public void Close()
    {
        lock (_writing)
        {
            _closed = true;
            _out?.Flush();
        }
    }

    public void Dispose() => _out?.Dispose();

    private double Since() => Math.Round((DateTimeOffset.UtcNow - launchedAt).TotalSeconds, 3);

    private void Write(object line)
    {
        lock (_writing)
        {
            if (!_closed)
            {
                _out?.WriteLine(JsonSerializer.Serialize(line));
            }
        }
    }
}
