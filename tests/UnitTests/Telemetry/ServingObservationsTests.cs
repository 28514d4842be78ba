using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class ServingObservationsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_server_counts_its_newest_fresh_gauge_once()
    {
        var serving = new ServingObservations();
        serving.Observe(new ServingShare("host:a", 100, T0));
        serving.Observe(new ServingShare("host:a", 40, T0.AddSeconds(1)));
        serving.Observe(new ServingShare("host:a", 900, T0.AddSeconds(-5))); // older: a level is never replaced by an older one
        serving.Observe(new ServingShare("endpoint:b", 12.5, T0));
        serving.Observe(new ServingShare("endpoint:c", double.NaN, T0));
        serving.Observe(new ServingShare("endpoint:d", -3, T0));

        Assert.Equal(52.5, serving.Running(T0.AddSeconds(2), TimeSpan.FromSeconds(5)));
        Assert.Equal(40, serving.Running(T0.AddSeconds(5.5), TimeSpan.FromSeconds(5))); // endpoint b has gone stale
    }

    [Fact]
    public void The_real_sglang_capture_reports_its_running_requests_beside_its_counters()
    {
        var mapper = new TelemetryMapper(null, T0);
        PrometheusTextParser.Parse(Captures.Text(Captures.Sglang), mapper, [], []);
        var mapped = mapper.Finish();

        var latest = ServingObservations.Latest(mapped.Tokens)!;
        Assert.Equal(162, latest.RunningRequests);
        Assert.Equal(7557572, latest.GenerationTokens);
    }
}
