using TokenFactoryTwin.Domain.Simulation;

namespace TokenFactoryTwin.Domain.Timing;

/// <summary>
/// Phase-locked flush timers. Orleans measures a timer's period from the end of one callback, so free-running timers
/// drift apart and a facility could sum halls that summed racks almost two periods earlier. Instead every grain
/// re-arms its timer for a fixed phase of the wall-clock period: racks first, spread over the first 40 % (so
/// thousands of them do not fire at once), then halls (which forward their racks' cord loads to the power nodes),
/// then power nodes level by level from the racks up, then the facility — each stage reads what the stage below
/// pushed in the same period.
/// </summary>
public static class FlushSchedule
{
    public const double HallPhase = 0.5;

    /// <summary>The phase of power nodes fed by racks only (busways, PDUs): after the halls' batches.</summary>
    public const double PowerPhase = 0.55;

    /// <summary>How much later each level up the power tree flushes than the level below it.</summary>
    public const double PowerLevelStep = 0.05;

    /// <summary>The latest a power node flushes, however deep the tree: levels past it share it.</summary>
    public const double LastPowerPhase = 0.70;

    public const double FacilityPhase = 0.75;

    /// <summary>
    /// A power node's phase by its height: 1 for a node fed by racks only, one more than its highest source above
    /// that. A node then sums what the level below pushed in the same period, and the facility has the top's figures.
    /// </summary>
    public static double PowerPhaseAt(int height) =>
        Math.Min(PowerPhase + PowerLevelStep * (Math.Max(height, 1) - 1), LastPowerPhase);

    /// <summary>A rack's phase in [0.05, 0.40) of the period, stable per rack id.</summary>
    public static double RackPhase(string rackId) =>
        0.05 + 0.35 * DeterministicNoise.Uniform(DeterministicNoise.SeedOf(rackId), 0, 0, 0);

    /// <summary>
    /// Time from <paramref name="now"/> to the next instant at <paramref name="phase"/> of the period, at least a
    /// quarter period away (a timer that fires a little early must not fire twice in one period).
    /// </summary>
    public static TimeSpan DueIn(DateTimeOffset now, TimeSpan period, double phase)
    {
        var p = period.Ticks;
        var offset = (long)(phase * p);
        var earliest = now.UtcTicks + p / 4;
        var slot = (earliest - offset) / p * p + offset;
        if (slot < earliest)
        {
            slot += p;
        }

        return TimeSpan.FromTicks(slot - now.UtcTicks);
    }
}
