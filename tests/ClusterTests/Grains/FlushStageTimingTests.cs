using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.ClusterTests.Infrastructure;
using TokenFactoryTwin.Domain.Timing;

namespace TokenFactoryTwin.ClusterTests.Grains;

/// <summary>
/// When a reading reaches each stage of the aggregation, on a fake clock: the grains' timers follow it, so the test
/// says to the millisecond when the rack's snapshot, its hall's and the facility's KPIs first show a reading. The
/// silo's own background work (membership, messaging, the directory) keeps real time, so moving the fake clock
/// fires only the twin's flushes. One silo of its own: the shared cluster runs on the real clock.
/// </summary>
public sealed class FlushStageTimingTests : IAsyncLifetime
{
    private const string RackId = "h1-01";
    private const string HallId = "hall-1";

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Step = FlushStages.Step;

    /// <summary>A whole flush period: every stage's phase is an exact offset from it.</summary>
    private static readonly DateTimeOffset Origin = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Origin);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "tft-flush-timing", Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // Grains read the unkeyed clock, and Orleans times grain timers by it; every other area of the runtime is
            // pinned to the real clock.
            TwinTestCluster.AddTwinGrainServices(silo.Services, _dataDirectory, _clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The folder is under the temp directory.
        }
    }

    [Fact]
    public async Task A_reading_reaches_rack_hall_and_facility_at_their_phases_of_the_period_it_was_taken_in()
    {
        var stages = await StartLiveRack();

        // Two periods on, every stage has flushed at least once with the rack silent.
        var period = Origin + 2 * Period;
        await stages.WalkTo(period);

        // A reading taken at the start of the period: the rack's flush (at its phase, 5–40 % in) carries it, the hall's
        // at 50 % and the facility's at 75 % of the same period.
        await Ingest(stages, period, powerW: 700);
        var rackAt = AtOrAfter(period + PhaseOffset(FlushSchedule.RackPhase(RackId)));
        await stages.ExpectFirstSeen(rackAt, period + PhaseOffset(FlushSchedule.HallPhase), period + PhaseOffset(FlushSchedule.FacilityPhase));
    }

    [Fact]
    public async Task A_reading_taken_just_after_the_rack_flushed_waits_for_the_next_period()
    {
        var stages = await StartLiveRack();
        var period = Origin + 2 * Period;
        var rackAt = AtOrAfter(period + PhaseOffset(FlushSchedule.RackPhase(RackId)));
        await stages.WalkTo(rackAt);
        await stages.ExpectRackFlushedAt(rackAt);
        await stages.WalkTo(rackAt + Step);

        // The rack flushed a step ago: the reading waits for its next flush, and so does every stage above it.
        await Ingest(stages, rackAt + Step, powerW: 700);
        var next = period + Period;
        await stages.ExpectFirstSeen(rackAt + Period, next + PhaseOffset(FlushSchedule.HallPhase), next + PhaseOffset(FlushSchedule.FacilityPhase));
    }

    /// <summary>A facility with one live rack in hall 1 (its GB300 hall empty), started at <see cref="Origin"/>.</summary>
    private async Task<FlushStages> StartLiveRack()
    {
        Assert.Equal(Origin, _clock.GetUtcNow());
        var id = TestFacilities.NewId("ft");
        var facility = _cluster.Client.GetGrain<IFacilityKpiGrain>(TwinKeys.Facility(id));
        var topology = _cluster.Client.GetGrain<IFacilityTopologyGrain>(TwinKeys.Facility(id));
        await topology.Start(TestFacilities.TwoHalls(id, h200Racks: 1, gb300Racks: 0, live: true), new TwinTiming(Period, StalePeriods: 5));
        return new FlushStages(
            _clock,
            facility,
            _cluster.Client.GetGrain<IHallGrain>(TwinKeys.Hall(id, HallId)),
            _cluster.Client.GetGrain<IRackGrain>(TwinKeys.Rack(id, RackId)));
    }

    private async Task Ingest(FlushStages stages, DateTimeOffset at, double powerW)
    {
        Assert.Equal(at, _clock.GetUtcNow());
        var result = await stages.Rack.Ingest(GpuSampleBatch.Of([new GpuSample(0, at, PowerW: powerW)]));
        Assert.Equal(1, result.Accepted);
    }

    private static TimeSpan PhaseOffset(double phase) => TimeSpan.FromTicks((long)(phase * Period.Ticks));

    /// <summary>The first step of the clock at or after <paramref name="instant"/>: a timer fires on the step that reaches it.</summary>
    private static DateTimeOffset AtOrAfter(DateTimeOffset instant)
    {
        var steps = (instant - Origin).Ticks;
        var whole = (steps + Step.Ticks - 1) / Step.Ticks * Step.Ticks;
        return Origin + TimeSpan.FromTicks(whole);
    }
}
