using System.Net.Http.Json;
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
        var first = await ReadFacility(http, f => f.GetProperty("tokensPerSecond").GetDouble() > 0, TimeSpan.FromMinutes(2));
        var later = await ReadFacility(http, f => f.GetProperty("asOf").GetDateTimeOffset() > first.GetProperty("asOf").GetDateTimeOffset(),
            TimeSpan.FromSeconds(30));

        Assert.Equal("demo", first.GetProperty("id").GetString());
        Assert.Equal(24, first.GetProperty("racks").GetInt32());
        Assert.True(first.GetProperty("costPerMillionTokensUsd").GetDouble() > 0);
        Assert.True(later.GetProperty("facilityPowerKw").GetDouble() > 0);
    }

    private static async Task<JsonElement> ReadFacility(HttpClient http, Func<JsonElement, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/api/facility");
                last = $"{(int)response.StatusCode}";
                if (response.IsSuccessStatusCode)
                {
                    var facility = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (until(facility))
                    {
                        return facility;
                    }
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"/api/facility did not answer as expected within {timeout}; last: {last}");
    }
}
