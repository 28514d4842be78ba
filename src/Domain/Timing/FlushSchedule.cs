using TokenFactoryTwin.Domain.Simulation;

namespace TokenFactoryTwin.Domain.Timing;

/// <summary>
/// When each stage of the aggregation runs. The KPI path runs on arrival: a live rack flushes a short gather window
/// after telemetry reaches it (<see cref="RackGather"/>), a hall publishes once all its racks have reported since its
/// last publish or at a bounded deadline after the first of them (<see cref="HallGather"/>), and the facility
/// recomputes likewise from its halls (<see cref="FacilityGather"/>): a reading reaches the facility KPI tens of
/// milliseconds after its rack has it, not at the next fixed phase of each stage. Coalescing keeps the message count:
/// a rack still sends about one snapshot a period, a hall a few.
/// Phase-locked timers remain for what runs by the clock. Orleans measures a timer's period from the end of one
/// callback, so free-running timers would drift apart; every grain re-arms its timer for a fixed phase of the
/// wall-clock period: simulated racks tick early in the period (spread over 10 %, so thousands do not fire at the
/// same instant), and a silent live rack still reports (so it turns stale); halls then forward their racks' cord
/// loads to the power nodes, power nodes flush level by level from the racks up, then the facility adds its history
/// point. Each of these reads what the stage below pushed in the same period.
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

    /// <summary>
    /// How long a live rack gathers telemetry after the first batch since its last flush: the hosts of a rack sent in
    /// one request arrive together, and a few milliseconds let the rest of a scrape land in the same snapshot.
    /// </summary>
    public const double RackGather = 0.02;

    /// <summary>
    /// The least time between a live rack's flushes on arrival: a rack whose hosts report at scattered instants
    /// sends at most a few snapshots a period, not one per host.
    /// </summary>
    public const double RackSpacing = 0.25;

    /// <summary>The latest a hall publishes after a rack's report when not every rack has reported yet.</summary>
    public const double HallGather = 0.10;

    /// <summary>The latest the facility recomputes after a hall's report when not every hall has reported yet.</summary>
    public const double FacilityGather = 0.05;

    /// <summary>A rack's phase in [0.01, 0.11) of the period, stable per rack id: early, so a tick reaches the facility soon after the period starts.</summary>
    public static double RackPhase(string rackId) =>
        0.01 + 0.10 * DeterministicNoise.Uniform(DeterministicNoise.SeedOf(rackId), 0, 0, 0);

    /// <summary>A fraction of the flush period as a time span.</summary>
    public static TimeSpan Share(TimeSpan period, double fraction) => TimeSpan.FromTicks((long)(period.Ticks * fraction));

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
