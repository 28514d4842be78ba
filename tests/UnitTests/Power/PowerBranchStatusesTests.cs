using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.UnitTests.Power;

/// <summary>A node passes on its own status and the newest of each branch below it, so a tree's root holds them all.</summary>
public sealed class PowerBranchStatusesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static PowerNodeStatus Status(string id, long version, double loadKw, string? upstream = "ups-a") =>
        new(id, id, "Busway", "A", 800, 640, loadKw, 640 - loadKw, 2 * loadKw, upstream, Sources: 2, StaleSources: 0, version, T0.AddSeconds(version));

    private static PowerBranchReport Branch(PowerNodeStatus sender, params PowerNodeStatus[] below) =>
        new(new PowerLoadReport(sender.Id, sender.Version, sender.AsOf, sender.LoadKw, sender.LoadIfPartnerLostKw, Height: 1), [sender, .. below]);

    [Fact]
    public void The_nodes_own_status_comes_first_then_every_branchs()
    {
        var branches = new PowerBranchStatuses();
        branches.Offer(Branch(Status("bw-1a", 1, 100)));
        branches.Offer(Branch(Status("bw-2a", 1, 50)));

        var all = branches.With(Status("ups-a", 1, 150, upstream: null));

        Assert.Equal("ups-a", all[0].Id);
        Assert.Equal(["bw-1a", "bw-2a"], all.Skip(1).Select(s => s.Id).Order());
    }

    [Fact]
    public void A_newer_branch_replaces_the_held_one_and_an_older_or_equal_one_is_ignored()
    {
        var branches = new PowerBranchStatuses();
        branches.Offer(Branch(Status("ups-a", 2, 150), Status("bw-1a", 2, 150)));

        Assert.False(branches.Offer(Branch(Status("ups-a", 1, 90), Status("bw-1a", 1, 90))));
        Assert.False(branches.Offer(Branch(Status("ups-a", 2, 90), Status("bw-1a", 2, 90))));
        Assert.True(branches.Offer(Branch(Status("ups-a", 3, 160), Status("bw-1a", 3, 160))));

        var all = branches.With(Status("feed-a", 3, 160, upstream: null));
        Assert.Equal(3, all.Count);
        Assert.All(all.Skip(1), s => Assert.Equal(3, s.Version));
    }

    [Fact]
    public void A_forgotten_branch_is_passed_on_no_more()
    {
        var branches = new PowerBranchStatuses();
        branches.Offer(Branch(Status("bw-1a", 1, 100)));
        branches.Offer(Branch(Status("bw-2a", 1, 50)));

        branches.Forget("bw-1a");

        Assert.Equal(["ups-a", "bw-2a"], branches.With(Status("ups-a", 1, 50, upstream: null)).Select(s => s.Id));
    }
}
