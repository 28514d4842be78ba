using TokenFactoryTwin.Domain.Placement;

namespace TokenFactoryTwin.UnitTests.Placement;

public sealed class RendezvousHashTests
{
    // Rack grain keys as a gigawatt facility names them, and silo addresses as Orleans writes them.
    private static readonly string[] Racks = [.. Enumerable.Range(0, 7400).Select(i => $"gw1/h{i / 370 + 1:00}-r{i % 370 + 1:000}")];

    private static string[] Silos(int count) => [.. Enumerable.Range(0, count).Select(i => $"S127.0.0.1:{11111 + i}:{472000000 + i * 7}")];

    private static int[] Homes(IReadOnlyList<string> silos) => [.. Racks.Select(r => RendezvousHash.Pick(r, silos))];

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Keys_spread_evenly_over_the_members(int count)
    {
        var perSilo = Homes(Silos(count)).GroupBy(h => h).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(count, perSilo.Count);
        var even = Racks.Length / (double)count;
        Assert.All(perSilo.Values, n => Assert.InRange(n, even * 0.9, even * 1.1));
    }

    [Fact]
    public void The_answer_depends_on_the_members_not_on_their_order()
    {
        var silos = Silos(4);
        var reversed = silos.Reverse().ToArray();

        Assert.All(Racks.Take(500), r => Assert.Equal(silos[RendezvousHash.Pick(r, silos)], reversed[RendezvousHash.Pick(r, reversed)]));
    }

    [Fact]
    public void A_joining_member_takes_about_its_share_and_no_other_key_moves()
    {
        var before = Silos(2);
        var after = Silos(3);
        var homesBefore = Homes(before).Select(i => before[i]).ToArray();
        var homesAfter = Homes(after).Select(i => after[i]).ToArray();

        var moved = Enumerable.Range(0, Racks.Length).Where(i => homesBefore[i] != homesAfter[i]).ToList();
        Assert.All(moved, i => Assert.Equal(after[2], homesAfter[i]));
        Assert.InRange(moved.Count, Racks.Length / 3.0 * 0.9, Racks.Length / 3.0 * 1.1);
    }

    [Fact]
    public void A_leaving_member_hands_on_only_its_own_keys()
    {
        var before = Silos(3);
        var after = before.Where((_, i) => i != 1).ToArray();
        var homesBefore = Homes(before).Select(i => before[i]).ToArray();
        var homesAfter = Homes(after).Select(i => after[i]).ToArray();

        Assert.All(Enumerable.Range(0, Racks.Length).Where(i => homesBefore[i] != before[1]), i => Assert.Equal(homesBefore[i], homesAfter[i]));
    }

    [Fact]
    public void No_member_no_home() => Assert.Equal(-1, RendezvousHash.Pick("gw1/h01-r001", []));
}
