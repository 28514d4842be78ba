using Microsoft.Extensions.Time.Testing;
using TokenFactoryTwin.Abstractions.Grains;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// The three stages a live rack's reading climbs (rack → hall → facility), watched while a fake clock moves one step
/// at a time. After each step every stage is read: a stage's flush runs only when its timer fires, so a stage that
/// must not show the reading yet is read once, and the stage whose flush falls on this step is polled (a short real
/// deadline) until its timer's work, queued on the grain, has run.
/// </summary>
public sealed class FlushStages(FakeTimeProvider clock, IFacilityKpiGrain facility, IHallGrain hall, IRackGrain rack)
{
    /// <summary>The clock moves by this much at a time, and every stage is read after each move.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public IRackGrain Rack => rack;

    /// <summary>Moves the clock to <paramref name="target"/>, checking after each step that no stage shows a reading.</summary>
    public async Task WalkTo(DateTimeOffset target)
    {
        while (clock.GetUtcNow() < target)
        {
            clock.Advance(Step);
            await ExpectNone(rackToo: true, hallToo: true);
        }

        Assert.Equal(target, clock.GetUtcNow());
    }

    /// <summary>Waits until the rack's flush at <paramref name="at"/> has run, without the reading.</summary>
    public async Task ExpectRackFlushedAt(DateTimeOffset at)
    {
        var snapshot = await Eventually.Get(rack.GetSnapshot, s => s?.AsOf == at, Deadline, $"the rack's flush at {at:O}");
        Assert.Equal(0, snapshot!.GpusReporting);
    }

    /// <summary>
    /// Moves the clock until the facility shows the reading, and checks that each stage shows it first at exactly its
    /// instant, stamped with that instant, and not a step before.
    /// </summary>
    public async Task ExpectFirstSeen(DateTimeOffset rackAt, DateTimeOffset hallAt, DateTimeOffset facilityAt)
    {
        Assert.True(clock.GetUtcNow() < rackAt && rackAt < hallAt && hallAt < facilityAt, $"stage instants out of order: {rackAt:O} {hallAt:O} {facilityAt:O}");
        while (clock.GetUtcNow() < facilityAt)
        {
            clock.Advance(Step);
            var now = clock.GetUtcNow();
            if (now < rackAt)
            {
                await ExpectNone(rackToo: true, hallToo: true);
            }
            else if (now == rackAt)
            {
                var snapshot = await Eventually.Get(rack.GetSnapshot, s => s?.GpusReporting == 1, Deadline, $"the rack's flush at {now:O}");
                Assert.Equal(rackAt, snapshot!.AsOf);
                // The rack pushes its snapshot to its hall as a one-way call; the hall keeps it for its own flush.
                await Eventually.Get(hall.GetRacks, r => r.Count == 1 && r[0].Version == snapshot.Version, Deadline, "the rack's snapshot at its hall");
                await ExpectNone(rackToo: false, hallToo: true);
            }
            else if (now < hallAt)
            {
                await ExpectNone(rackToo: false, hallToo: true);
            }
            else if (now == hallAt)
            {
                var snapshot = await Eventually.Get(hall.GetSnapshot, s => s?.Totals.GpusReporting == 1, Deadline, $"the hall's flush at {now:O}");
                Assert.Equal(hallAt, snapshot!.AsOf);
                // The hall's totals go to the facility as a one-way call in the same turn; the facility keeps them for
                // its flush, a quarter period (hundreds of steps, each a round trip to every stage) later.
                await ExpectNone(rackToo: false, hallToo: false);
            }
            else if (now < facilityAt)
            {
                await ExpectNone(rackToo: false, hallToo: false);
            }
            else
            {
                var kpis = await Eventually.Get(facility.GetKpis, k => k.GpusReporting == 1, Deadline, $"the facility's flush at {now:O}");
                Assert.Equal(facilityAt, kpis.AsOf);
                Assert.True(kpis.ItPowerKw > 0.7, $"facility IT power {kpis.ItPowerKw} kW without the GPU's 0.7 kW");
            }
        }
    }

    /// <summary>Asserts that the facility, and the hall and the rack where asked, do not show the reading.</summary>
    private async Task ExpectNone(bool rackToo, bool hallToo)
    {
        var now = clock.GetUtcNow();
        if (rackToo)
        {
            Assert.True((await rack.GetSnapshot())?.GpusReporting is null or 0, $"the rack shows the reading at {now:O}");
        }

        if (hallToo)
        {
            Assert.True((await hall.GetSnapshot())?.Totals.GpusReporting is null or 0, $"the hall shows the reading at {now:O}");
        }

        Assert.Equal(0, (await facility.GetKpis()).GpusReporting);
    }
}
