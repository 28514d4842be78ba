using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TokenFactoryTwin.LoadGen;

/// <summary>
/// Times a twin's start from the moment its processes were launched (<c>--launched-at</c>, else the generator's own
/// start): when the silo wrote its startup line (every rack, hall and power node configured; read from
/// <c>--silo-log</c>), and when <c>/api/facility</c> first answered a complete KPI — every declared GPU counted and
/// reporting, no rack stale, a samples-as-of time — with the CPU-seconds the silo and gateway had spent until then.
/// Fed every facility reading by <see cref="FacilityWatch"/>.
/// </summary>
public sealed class StartupProbe(LoadOptions options, int? siloPid, int? gatewayPid)
{
    private const string StartupLine = "Twinning facility";
    private long _logRead;
    private string _logTail = "";

    /// <summary>When the twin's processes were launched (<c>--launched-at</c>), else when the generator started.</summary>
    public DateTimeOffset LaunchedAt { get; } = options.LaunchedAt ?? DateTimeOffset.UtcNow;

    public double? TwinUpSeconds { get; private set; }

    public double? FirstCompleteKpiSeconds { get; private set; }

    public double? SiloCpuSeconds { get; private set; }

    public double? GatewayCpuSeconds { get; private set; }

    public bool Complete => FirstCompleteKpiSeconds is not null;

    /// <summary>One reading of <c>/api/facility</c>: the first complete one is the time measured.</summary>
    public void Observe(JsonElement kpis, DateTimeOffset at)
    {
        if (Complete || !IsComplete(kpis, options.Gpus))
        {
            return;
        }

        // Read first, so the CPU is what was spent until the figure answered, not after.
        SiloCpuSeconds = ProcStat.CpuSeconds(siloPid);
        GatewayCpuSeconds = ProcStat.CpuSeconds(gatewayPid);
        FirstCompleteKpiSeconds = (at - LaunchedAt).TotalSeconds;
    }

    /// <summary>Looks for the silo's startup line in what its log gained since the last look.</summary>
    public void PollSiloLog(DateTimeOffset at)
    {
        if (TwinUpSeconds is not null || options.SiloLog is not { } path || !File.Exists(path))
        {
            return;
        }

        using var log = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (log.Length <= _logRead)
        {
            return;
        }

        log.Position = _logRead;
        var added = new byte[log.Length - _logRead];
        log.ReadExactly(added);
        _logRead += added.Length;
        // Keep a line's worth from the last look: the startup line may have been half written then.
        var text = _logTail + Encoding.UTF8.GetString(added);
        if (text.Contains(StartupLine, StringComparison.Ordinal))
        {
            TwinUpSeconds = (at - LaunchedAt).TotalSeconds;
        }

        _logTail = text.Length > StartupLine.Length ? text[^StartupLine.Length..] : text;
    }

    /// <summary>Every declared GPU counted and reporting, no rack stale, and the oldest sample's time given.</summary>
    public static bool IsComplete(JsonElement kpis, int gpus) =>
        kpis.GetProperty("gpus").GetInt32() >= gpus
        && kpis.GetProperty("gpusReporting").GetInt32() >= gpus
        && kpis.GetProperty("staleRacks").GetInt32() == 0
        && !kpis.GetProperty("stale").GetBoolean()
        && kpis.TryGetProperty("samplesAsOf", out var asOf) && asOf.ValueKind == JsonValueKind.String;

    /// <summary>The 1-minute load average now, to state with the figures: this machine is shared.</summary>
    public static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load)
            ? load
            : null;
}
