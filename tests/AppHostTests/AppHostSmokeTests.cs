using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace TokenFactoryTwin.AppHostTests;

/// <summary>The one-command run, started whole: silo, gateway and orchestrator, read through the gateway's API.</summary>
public sealed class AppHostSmokeTests
{
    [Fact]
    public async Task The_app_host_runs_a_live_default_facility()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>();
        await using var app = await appHost.BuildAsync();
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(start.Token);
        using var http = app.CreateHttpClient("gateway");

        // The Orleans client connects a little after the gateway starts: poll until the facility answers and moves.
        var first = await FacilityReads.Until(http, "/api/facility", f => f.GetProperty("tokensPerSecond").GetDouble() > 0, TimeSpan.FromMinutes(2));
        var later = await FacilityReads.Until(http, "/api/facility",
            f => f.GetProperty("asOf").GetDateTimeOffset() > first.GetProperty("asOf").GetDateTimeOffset(), TimeSpan.FromSeconds(30));

        Assert.Equal("demo", first.GetProperty("id").GetString());
        Assert.Equal(24, first.GetProperty("racks").GetInt32());
        Assert.True(first.GetProperty("costPerMillionTokensUsd").GetDouble() > 0);
        Assert.True(later.GetProperty("facilityPowerKw").GetDouble() > 0);
    }
}
