using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// What a body meant for the twin, ready to send: per host, its GPU samples packed for one grain call; server-level
/// token counters; and what was refused (by line where the format has lines) or ignored.
/// </summary>
public sealed class MappedTelemetry
{
    /// <summary>Reasons kept per body; past it refusals are still counted.</summary>
    public const int MaxIssues = 100;

    private readonly List<SampleDestination> _hosts = [];
    private readonly List<ParseIssue> _issues = [];

    /// <summary>One batch per host, in the order the hosts first appear in the body.</summary>
    public IReadOnlyList<SampleDestination> Hosts => _hosts;

    /// <summary>Server-level token readings, one per instant, oldest first.</summary>
    public IReadOnlyList<ServerTokens> Tokens { get; internal set; } = [];

    /// <summary>The first <see cref="MaxIssues"/> reasons for what was refused.</summary>
    public IReadOnlyList<ParseIssue> Issues => _issues;

    /// <summary>Series or lines refused while reading or mapping, all of them.</summary>
    public int Refused { get; private set; }

    /// <summary>Series of names the twin does not map (histograms, clocks, python_* …): ignored, not errors.</summary>
    public int Ignored { get; internal set; }

    /// <summary>Workload labels refused for their length: the readings stand, the GPU or tokens count as unlabelled.</summary>
    public int LabelsDropped { get; private set; }

    internal void DropLabel(int line, string reason)
    {
        LabelsDropped++;
        if (_issues.Count < MaxIssues)
        {
            _issues.Add(new ParseIssue(line, reason));
        }
    }

    internal void AddHost(SampleDestination host) => _hosts.Add(host);

    internal void Refuse(int line, string reason)
    {
        Refused++;
        if (_issues.Count < MaxIssues)
        {
            _issues.Add(new ParseIssue(line, reason));
        }
    }
}
