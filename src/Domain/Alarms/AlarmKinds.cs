namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>What an alarm is about; the live view groups and words alarms by these.</summary>
public static class AlarmKinds
{
    /// <summary>A power node carries more than its derated (continuous) rating now.</summary>
    public const string PowerOverDerated = "power-over-derated";

    /// <summary>A power node would carry more than its derated rating if its partner side were lost: N+1 is gone.</summary>
    public const string PowerOverIfPartnerLost = "power-over-if-partner-lost";

    public const string GpuOverTemperature = "gpu-over-temperature";

    public const string LinkDown = "link-down";

    public const string TelemetryStale = "telemetry-stale";

    /// <summary>A rack's GPUs are held at their power limit: the power-cap clocks-event reason is set, or they draw at it.</summary>
    public const string PowerCapBinding = "power-cap-binding";

    /// <summary>
    /// While a flex event caps a rack, its GPUs enforce a power limit other than the cap the twin recommends: the
    /// cluster's agent did not apply it (or applied another).
    /// </summary>
    public const string PowerCapNotApplied = "power-cap-not-applied";
}
