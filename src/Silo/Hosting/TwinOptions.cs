using TokenFactoryTwin.Abstractions.Topology;

namespace TokenFactoryTwin.Silo.Hosting;

/// <summary>The <c>Twin</c> configuration section.</summary>
public sealed class TwinOptions
{
    public const string Section = "Twin";

    /// <summary><c>embedded</c> (one silo, SQLite file) or <c>redis</c> (a cluster: membership and grain state on <c>ConnectionStrings:redis</c>).</summary>
    public string Store { get; set; } = "embedded";

    /// <summary>Path of the facility file to twin; empty for the built-in default facility.</summary>
    public string? FacilityFile { get; set; }

    /// <summary>Folder of the embedded store (<c>twin.db</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How often children push their snapshots up.</summary>
    public int FlushPeriodMs { get; set; } = 1000;

    /// <summary>How many silent periods make a child stale.</summary>
    public int StalePeriods { get; set; } = 5;

    public TwinTiming Timing => new(TimeSpan.FromMilliseconds(FlushPeriodMs), StalePeriods);
}
