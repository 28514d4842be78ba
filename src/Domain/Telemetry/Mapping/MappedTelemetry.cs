using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>What a body meant for the twin: per-GPU readings by host, server-level token counters, and what was skipped.</summary>
public sealed class MappedTelemetry
{
    public List<HostedSample> Gpus { get; } = [];

    /// <summary>Server-level token readings, one per instant, oldest first.</summary>
    public List<ServerTokens> Tokens { get; } = [];

    /// <summary>Series of names the twin does not map (histograms, clocks, python_* …): ignored, not errors.</summary>
    public int Ignored { get; set; }

    public List<ParseIssue> Issues { get; } = [];

    public IEnumerable<string> Hosts => Gpus.Select(g => g.Host).Distinct(StringComparer.Ordinal);
}
