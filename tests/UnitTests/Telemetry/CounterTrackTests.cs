using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class CounterTrackTests
{
    [Fact]
    public void The_rate_is_the_increase_over_the_interval()
    {
        var counter = new CounterTrack();
        counter.Observe(1_000, 10_000);
        counter.Observe(1_600, 12_000);

        Assert.Equal(300, counter.Rate, 9);
    }

    [Fact]
    public void A_reset_counts_the_new_value_as_the_increase_like_prometheus_increase()
    {
        var counter = new CounterTrack();
        counter.Observe(1_000, 10_000);
        counter.Observe(50, 11_000);

        Assert.Equal(50, counter.Rate, 9);
        Assert.Equal(50, counter.Value);
    }

    [Fact]
    public void An_older_or_replayed_sample_never_moves_the_counter()
    {
        var counter = new CounterTrack();
        counter.Observe(1_000, 10_000);
        counter.Observe(1_500, 11_000);

        Assert.False(counter.Observe(1_500, 11_000));
        Assert.False(counter.Observe(900, 10_500));
        Assert.Equal(1_500, counter.Value);
        Assert.Equal(500, counter.Rate, 9);
    }
}
