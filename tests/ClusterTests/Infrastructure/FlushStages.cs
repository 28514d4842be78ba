using Microsoft.Extensions.Time.Testing;
using TokenFactoryTwin.Abstractions.Grains;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// The three stages a live rack's reading climbs (rack → hall → facility), watched while a fake clock moves one step
/// at a time. After each step every stage is read: a stage's flush runs only when its timer fires, so a stage that
/// must not show the reading yet is read once, and a stage whose flush falls on this step is polled (a short real
/// deadline) until its timer's work, queued on the grain, has run.
/// </summary>
public sealed class FlushStages(FakeTimeProvider clock, IFacilityKpiGrain facility, IHallGrain hall, IRackGrain rack)
{
    /// <summary>The clock moves by this much at a time, and every stage is read after each move.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public IRackGrain Rack => rack;

    /// <summary>Moves the clock to <paramref name="target"/>, checking after each step that every stage still shows <paramref name="gpus"/> GPUs reporting.</summary>
    public async Task WalkTo(DateTimeOffset target, int gpus = 0)
    {
        while (clock.GetUtcNow() < target)
        {
            clock.Advance(Step);
            await Expect(gpus, gpus, gpus);
        }

        Assert.Equal(target, clock.GetUtcNow());
    }

    /// <summary>
    /// Moves the clock until the facility shows <paramref name="gpus"/> GPUs reporting (one more than before), and
    /// checks that each stage shows it first at exactly its instant, stamped with that instant, and not a step before.
    /// A hall that publishes as soon as its rack reports shows it at the rack's instant.
    /// </summary>
    public async Task ExpectFirstSeen(DateTimeOffset rackAt, DateTimeOffset hallAt, DateTimeOffset facilityAt, int gpus = 1)
    {
        Assert.True(clock.GetUtcNow() < rackAt && rackAt <= hallAt && hallAt <= facilityAt, $"stage instants out of order: {rackAt:O} {hallAt:O} {facilityAt:O}");
        while (clock.GetUtcNow() < facilityAt)
        {
            clock.Advance(Step);
            var now = clock.GetUtcNow();
            if (now == rackAt)
            {
                var snapshot = await Eventually.Get(rack.GetSnapshot, s => s?.GpusReporting == gpus, Deadline, $"the rack's flush at {now:O}");
                Assert.Equal(rackAt, snapshot!.AsOf);
                // The rack pushes its snapshot to its hall as a one-way call.
                await Eventually.Get(hall.GetRacks, r => r.Count == 1 && r[0].Version == snapshot.Version, Deadline, "the rack's snapshot at its hall");
            }

            if (now == hallAt)
            {
                var snapshot = await Eventually.Get(hall.GetSnapshot, s => s?.Totals.GpusReporting == gpus, Deadline, $"the hall's push at {now:O}");
                Assert.Equal(hallAt, snapshot!.AsOf);
            }

            if (now == facilityAt)
            {
                var kpis = await Eventually.Get(facility.GetKpis, k => k.GpusReporting == gpus, Deadline, $"the facility's KPIs at {now:O}");
                Assert.Equal(facilityAt, kpis.AsOf);
                Assert.True(kpis.ItPowerKw > 0.7 * gpus, $"facility IT power {kpis.ItPowerKw} kW without the GPUs' 0.7 kW each");
            }

            await Expect(Shown(now, rackAt), Shown(now, hallAt), Shown(now, facilityAt));
        }

        int Shown(DateTimeOffset now, DateTimeOffset at) => now >= at ? gpus : gpus - 1;
    }

    /// <summary>Asserts how many GPUs the rack, the hall and the facility show reporting.</summary>
    private async Task Expect(int rackGpus, int hallGpus, int facilityGpus)
    {
        var now = clock.GetUtcNow();
        Assert.True(((await rack.GetSnapshot())?.GpusReporting ?? 0) == rackGpus, $"the rack does not show {rackGpus} GPUs reporting at {now:O}");
        Assert.True(((await hall.GetSnapshot())?.Totals.GpusReporting ?? 0) == hallGpus, $"the hall does not show {hallGpus} GPUs reporting at {now:O}");
        Assert.Equal(facilityGpus, (await facility.GetKpis()).GpusReporting);
    }
}
