using TokenFactoryTwin.Domain.Simulation;

namespace TokenFactoryTwin.Domain.Timing;

/// <summary>
/// Phase-locked flush timers. Orleans measures a timer's period from the end of one callback, so free-running timers
/// drift apart and a facility could sum halls that summed racks almost two periods earlier. Instead every grain
/// re-arms its timer for a fixed phase of the wall-clock period: racks first, spread over the first 40 % (so
/// thousands of them do not fire at once), then halls and power nodes, then the facility — each stage reads what the
/// stage below pushed in the same period.
/// </summary>
public static class FlushSchedule
{
    public const double HallPhase = 0.5;
    public const double PowerPhase = 0.55;
    public const double FacilityPhase = 0.75;

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
