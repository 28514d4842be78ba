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
/// says to the millisecond when the rack's snapshot, its hall's and the facility's KPIs first show a reading — soon
/// after it arrives, each stage running when its inputs change (coalesced within a short window), not at fixed
/// phases of the period. The
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
    public async Task A_reading_reaches_rack_hall_and_facility_within_their_gather_windows_of_its_arrival()
    {
        var stages = await StartLiveRack();

        // Two periods and a bit on, every stage has flushed at least once with the rack silent, and none is due soon.
        var arrival = Origin + 2 * Period + Share(0.3);
        await stages.WalkTo(arrival);

        // The rack flushes a gather window after the reading arrives. Its hall has no other rack, so every rack has
        // reported and it pushes at once; the facility's other hall has no racks and never reports, so the facility
        // waits its gather window for it.
        await Ingest(stages, arrival, gpu: 0);
        var rackAt = arrival + Share(FlushSchedule.RackGather);
        await stages.ExpectFirstSeen(rackAt, rackAt, rackAt + Share(FlushSchedule.FacilityGather));
    }

    [Fact]
    public async Task A_reading_arriving_just_after_the_rack_flushed_waits_for_the_spacing_not_for_the_next_period()
    {
        var stages = await StartLiveRack();
        var arrival = Origin + 2 * Period + Share(0.3);
        await stages.WalkTo(arrival);
        await Ingest(stages, arrival, gpu: 0);
        var flushed = arrival + Share(FlushSchedule.RackGather);
        await stages.ExpectFirstSeen(flushed, flushed, flushed + Share(FlushSchedule.FacilityGather));

        // A second GPU's reading a step after that flush: the rack's next flush on arrival is a spacing after its last.
        var second = _clock.GetUtcNow() + Step;
        await stages.WalkTo(second, gpus: 1);
        await Ingest(stages, second, gpu: 1);
        var rackAt = flushed + Share(FlushSchedule.RackSpacing);
        await stages.ExpectFirstSeen(rackAt, rackAt, rackAt + Share(FlushSchedule.FacilityGather), gpus: 2);
    }

    [Fact]
    public async Task A_silent_live_rack_still_reports_at_its_phase_and_a_reporting_one_does_not_report_twice()
    {
        var stages = await StartLiveRack();
        var phase = Share(FlushSchedule.RackPhase(RackId));

        // Silent: the period timer flushes it at its phase (the first period's flush may come a period later: a timer
        // is at least a quarter period away when armed).
        var silentAt = AtOrAfter(Origin + Period + phase);
        await stages.WalkTo(silentAt);
        var silent = await Eventually.Get(stages.Rack.GetSnapshot, s => s?.AsOf == silentAt, TimeSpan.FromSeconds(5), "the silent rack's flush");
        Assert.Equal(0, silent!.GpusReporting);

        // Reporting: a flush on arrival late in the period stands for the period timer at the next phase.
        var arrival = Origin + Period + Share(0.6);
        await stages.WalkTo(arrival);
        await Ingest(stages, arrival, gpu: 0);
        var flushed = arrival + Share(FlushSchedule.RackGather);
        await stages.ExpectFirstSeen(flushed, flushed, flushed + Share(FlushSchedule.FacilityGather));
        await stages.WalkTo(AtOrAfter(Origin + 2 * Period + phase) + Step, gpus: 1);
        Assert.Equal(flushed, (await stages.Rack.GetSnapshot())!.AsOf);
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

    private async Task Ingest(FlushStages stages, DateTimeOffset at, int gpu)
    {
        Assert.Equal(at, _clock.GetUtcNow());
        var result = await stages.Rack.Ingest(GpuSampleBatch.Of([new GpuSample(gpu, at, PowerW: 700)]));
        Assert.Equal(1, result.Accepted);
    }

    private static TimeSpan Share(double fraction) => FlushSchedule.Share(Period, fraction);

    /// <summary>The first step of the clock at or after <paramref name="instant"/>: a timer fires on the step that reaches it.</summary>
    private static DateTimeOffset AtOrAfter(DateTimeOffset instant)
    {
        var steps = (instant - Origin).Ticks;
        var whole = (steps + Step.Ticks - 1) / Step.Ticks * Step.Ticks;
        return Origin + TimeSpan.FromTicks(whole);
    }
}
