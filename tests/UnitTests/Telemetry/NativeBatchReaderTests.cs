using System.Text;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class NativeBatchReaderTests
{
    private static NativeBatchContent Read(string json) => NativeBatchReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Addresses_by_twin_gpu_id_or_by_host_and_index()
    {
        var content = Read("""
            { "samples": [
              { "gpu": "h1-01-g3", "timestamp": "2026-01-31T12:00:00Z", "powerW": 500 },
              { "host": "node-1", "gpuIndex": 2, "timestamp": "2026-01-31T12:00:00.250+01:00", "promptTokens": 10, "uuid": "GPU-abc" }
            ] }
            """);

        Assert.Null(content.Refusal);
        Assert.Empty(content.Refused);
        var (rack, host) = (content.Destinations[0], content.Destinations[1]);
        Assert.Equal(("h1-01", true, 3, GpuMetrics.Power, 500.0), (rack.Key, rack.IsRack, Only(rack).GpuIndex, Only(rack).Present, Only(rack).Readings.PowerW));
        Assert.Equal(("node-1", false, 2, GpuMetrics.PromptTokens, 10.0), (host.Key, host.IsRack, Only(host).GpuIndex, Only(host).Present, Only(host).Readings.PromptTokens));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 11, 0, 0, 250, TimeSpan.Zero), Only(host).Timestamp);
        Assert.Equal("GPU-abc", host.Samples.Build().UuidAt(0));
        Assert.Null(rack.Samples.Build().Uuids);
    }

    [Fact]
    public void Groups_the_samples_of_each_rack_into_one_batch_and_remembers_their_positions()
    {
        var content = Read("""
            { "samples": [
              { "gpu": "r-a-g0", "timestamp": "2026-01-31T12:00:00Z", "powerW": 1 },
              { "gpu": "r-b-g0", "timestamp": "2026-01-31T12:00:01Z", "powerW": 2 },
              { "gpu": "r-a-g1", "timestamp": "2026-01-31T12:00:00Z", "powerW": 3 }
            ] }
            """);

        Assert.Equal(["r-a", "r-b"], content.Destinations.Select(d => d.Key));
        Assert.Equal([0, 2], content.Destinations[0].Indices.ToArray());
        var a = content.Destinations[0].Samples.Build();
        Assert.Equal([(0, 1.0), (1, 3.0)], a.Samples.ToArray().Select(s => (s.GpuIndex, s.Readings.PowerW)));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 1, TimeSpan.Zero), content.Destinations[1].Samples.Build().Samples[0].Timestamp);
    }

    [Fact]
    public void Reads_every_reading_with_names_in_any_case_and_ignores_unknown_properties()
    {
        var content = Read("""
            { "Samples": [ { "GPU": "r-g0", "TimeStamp": "2026-01-31T12:00:00Z", "extra": { "nested": [1, 2] },
              "powerw": 1.5, "energyMillijoules": 2, "utilizationPercent": 3, "temperatureC": 4, "memoryUsedMiB": 5,
              "promptTokens": 6, "generationTokens": 7, "note": "ignored" } ] }
            """);

        var s = Only(content.Destinations[0]);
        Assert.Equal(GpuMetrics.Power | GpuMetrics.Energy | GpuMetrics.Utilization | GpuMetrics.Temperature | GpuMetrics.Memory
            | GpuMetrics.PromptTokens | GpuMetrics.GenerationTokens, s.Present);
        Assert.Equal((1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0),
            (s.Readings.PowerW, s.Readings.EnergyMillijoules, s.Readings.UtilizationPercent, s.Readings.TemperatureC, s.Readings.MemoryUsedMiB, s.Readings.PromptTokens, s.Readings.GenerationTokens));
    }

    [Fact]
    public void Null_readings_are_absent_and_named_non_numbers_are_kept_for_the_rack_to_refuse()
    {
        var content = Read("""
            { "samples": [ { "gpu": "r-g0", "timestamp": "2026-01-31T12:00:00Z", "powerW": null, "temperatureC": "NaN", "promptTokens": "Infinity", "memoryUsedMiB": 1e400 } ] }
            """);

        var s = Only(content.Destinations[0]);
        Assert.Equal(GpuMetrics.Temperature | GpuMetrics.PromptTokens | GpuMetrics.Memory, s.Present);
        Assert.True(double.IsNaN(s.Readings.TemperatureC));
        Assert.True(double.IsPositiveInfinity(s.Readings.PromptTokens));
        Assert.True(double.IsPositiveInfinity(s.Readings.MemoryUsedMiB));
    }

    [Fact]
    public void Escaped_strings_read_as_their_text()
    {
        var content = Read("""
            { "samples": [ { "gpu": "h1\u002d01-g3", "timestamp": "2026-01-31T12:00:00\u005a", "\u0070owerW": 9 } ] }
            """);

        Assert.Equal("h1-01", content.Destinations[0].Key);
        Assert.Equal((3, 9.0), (Only(content.Destinations[0]).GpuIndex, Only(content.Destinations[0]).Readings.PowerW));
    }

    [Fact]
    public void A_long_gpu_id_is_read_whole()
    {
        var rack = new string('r', 300);
        var content = Read($$"""{ "samples": [ { "gpu": "{{rack}}-g7", "timestamp": "2026-01-31T12:00:00Z" } ] }""");

        Assert.Equal(rack, content.Destinations[0].Key);
        Assert.Equal(7, Only(content.Destinations[0]).GpuIndex);
    }

    [Theory]
    [InlineData("""{ "timestamp": "2026-01-31T12:00:00Z" }""", "names no GPU")]
    [InlineData("""{ "gpu": "h1-01-g3", "host": "node-1", "gpuIndex": 0, "timestamp": "2026-01-31T12:00:00Z" }""", "not both")]
    [InlineData("""{ "gpu": "h1-01", "timestamp": "2026-01-31T12:00:00Z" }""", "not a twin GPU id")]
    [InlineData("""{ "gpu": "h1-01-g-3", "timestamp": "2026-01-31T12:00:00Z" }""", "not a twin GPU id")]
    [InlineData("""{ "host": "node-1", "timestamp": "2026-01-31T12:00:00Z" }""", "gpuIndex")]
    [InlineData("""{ "host": "node-1", "gpuIndex": -1, "timestamp": "2026-01-31T12:00:00Z" }""", "gpuIndex")]
    [InlineData("""{ "host": "node-1", "gpuIndex": 1.5, "timestamp": "2026-01-31T12:00:00Z" }""", "'gpuIndex' must be an integer")]
    [InlineData("""{ "gpu": "h1-01-g3" }""", "timestamp is required")]
    [InlineData("""{ "gpu": "h1-01-g3", "timestamp": " " }""", "timestamp is required")]
    [InlineData("""{ "gpu": "h1-01-g3", "timestamp": "yesterday" }""", "'yesterday' is not an RFC 3339")]
    [InlineData("""{ "gpu": "h1-01-g3", "timestamp": 1767268800 }""", "'timestamp' must be a string")]
    [InlineData("""{ "gpu": 7, "timestamp": "2026-01-31T12:00:00Z" }""", "'gpu' must be a string")]
    [InlineData("""{ "gpu": "h1-01-g3", "timestamp": "2026-01-31T12:00:00Z", "powerW": "high" }""", "'powerW' must be a number")]
    [InlineData("""{ "gpu": "h1-01-g3", "timestamp": "2026-01-31T12:00:00Z", "powerW": [1] }""", "'powerW' must be a number")]
    [InlineData("""{ "gpu": "h1-01-g3", "timestamp": "2026-01-31T12:00:00Z", "uuid": 5 }""", "'uuid' must be a string")]
    [InlineData("""[ "not", "an", "object" ]""", "not a JSON object")]
    [InlineData("""42""", "not a JSON object")]
    public void Each_bad_sample_is_refused_with_its_index_and_the_rest_kept(string sample, string reason)
    {
        var content = Read($$"""{ "samples": [ { "gpu": "h1-01-g0", "timestamp": "2026-01-31T12:00:00Z" }, {{sample}}, null, { "gpu": "h1-01-g1", "timestamp": "2026-01-31T12:00:00Z" } ] }""");

        Assert.Null(content.Refusal);
        Assert.Equal(2, content.RefusedSamples);
        Assert.Equal([0, 3], content.Destinations.Single().Indices.ToArray());
        Assert.Equal([1, 2], content.Refused.Select(e => e.Index));
        Assert.Contains(reason, content.Refused[0].Reason);
        Assert.Contains("null", content.Refused[1].Reason);
    }

    [Theory]
    [InlineData("", "not a telemetry batch")]
    [InlineData("   ", "not a telemetry batch")]
    [InlineData("[1,2,3]", "must be a JSON object")]
    [InlineData("{ }", "needs a 'samples', 'racks' or 'hosts' array")]
    [InlineData("""{ "samples": null }""", "needs a 'samples'")]
    [InlineData("""{ "racks": { } }""", "'racks' must be an array")]
    [InlineData("""{ "samples": 5 }""", "'samples' must be an array")]
    [InlineData("""{ "samples": [ { "gpu": """, "not a telemetry batch")]
    [InlineData("""{ "samples": [] } { }""", "not a telemetry batch")]
    [InlineData("""{ "samples": [ { "gpu": "h1-01-g0", "timestamp": "2026-01-31T12:00:00Z" } ], }""", "not a telemetry batch")]
    public void A_body_that_is_not_a_batch_is_refused_whole(string body, string reason)
    {
        var content = Read(body);

        Assert.Contains(reason, content.Refusal);
        Assert.Empty(content.Destinations);
        Assert.Empty(content.Refused);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_refused_whole()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40));
        var content = Read($$"""{ "samples": [ { "gpu": "h1-01-g0", "timestamp": "2026-01-31T12:00:00Z", "extra": {{deep}} } ] }""");

        Assert.Contains("not a telemetry batch", content.Refusal);
    }

    private static PackedGpuSample Only(SampleDestination destination) => destination.Samples.Build().Samples.ToArray().Single();

    [Fact]
    public void A_rack_entry_gives_one_sample_per_gpu_position_with_a_reading()
    {
        var content = Read("""
            { "racks": [ { "rack": "h1-01", "timestamp": "2026-01-31T12:00:00Z",
                "powerW": [700, 701.5, null, 703], "promptTokens": [10, 20], "uuids": [null, "GPU-b"] } ] }
            """);

        var rack = content.Destinations.Single();
        Assert.Equal(("h1-01", true, true), (rack.Key, rack.IsRack, rack.IsGroup));
        var samples = rack.Samples.Build();
        // Position 2 has no reading in any column: no sample.
        Assert.Equal([0, 1, 3], samples.Samples.ToArray().Select(s => s.GpuIndex));
        Assert.Equal([0, 1, 3], rack.Indices.ToArray());
        Assert.Equal((GpuMetrics.Power | GpuMetrics.PromptTokens, 701.5, 20.0), (samples.Samples[1].Present, samples.Samples[1].Readings.PowerW, samples.Samples[1].Readings.PromptTokens));
        Assert.Equal(GpuMetrics.Power, samples.Samples[2].Present);
        Assert.Equal("GPU-b", samples.UuidAt(1));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), samples.Samples[0].Timestamp);
    }

    [Fact]
    public void Host_entries_and_samples_may_share_a_batch()
    {
        var content = Read("""
            { "samples": [ { "gpu": "h1-01-g0", "timestamp": "2026-01-31T12:00:00Z", "powerW": 1 } ],
              "hosts": [ { "host": "node-1", "timestamp": "2026-01-31T12:00:01Z", "temperatureC": [50, 51] } ] }
            """);

        Assert.Equal([("h1-01", true, false), ("node-1", false, true)], content.Destinations.Select(d => (d.Key, d.IsRack, d.IsGroup)));
        Assert.Equal([50.0, 51.0], content.Destinations[1].Samples.Build().Samples.ToArray().Select(s => s.Readings.TemperatureC));
    }

    [Theory]
    [InlineData("""{ "timestamp": "2026-01-31T12:00:00Z", "powerW": [1, 2] }""", "names no rack")]
    [InlineData("""{ "rack": "", "timestamp": "2026-01-31T12:00:00Z", "powerW": [1, 2] }""", "non-empty string")]
    [InlineData("""{ "rack": "r-x", "powerW": [1, 2] }""", "timestamp is required")]
    [InlineData("""{ "rack": "r-x", "timestamp": "soon", "powerW": [1, 2] }""", "'soon' is not an RFC 3339")]
    [InlineData("""{ "rack": "r-x", "timestamp": "2026-01-31T12:00:00Z", "powerW": 5 }""", "must be an array")]
    [InlineData("""{ "rack": "r-x", "timestamp": "2026-01-31T12:00:00Z", "powerW": [1, "hot", [3]], "temperatureC": [1] }""", "'powerW'[1] must be a number or null")]
    [InlineData("""{ "rack": "r-x", "timestamp": "2026-01-31T12:00:00Z", "uuids": ["a", 5, {"x": 1}], "powerW": [1, 2] }""", "'uuids'[1] must be a string or null")]
    public void An_unreadable_rack_entry_is_refused_whole_and_the_next_is_kept(string entry, string reason)
    {
        var content = Read($$"""{ "racks": [ {{entry}}, { "rack": "r-ok", "timestamp": "2026-01-31T12:00:00Z", "powerW": [1] } ] }""");

        Assert.Null(content.Refusal);
        var refusal = Assert.Single(content.Refused);
        Assert.Equal(0, refusal.Index);
        Assert.Contains(reason, refusal.Reason);
        Assert.True(refusal.Samples >= 1);
        Assert.Equal("r-ok", content.Destinations.Single().Key);
    }

    [Fact]
    public void A_column_longer_than_any_rack_is_refused()
    {
        var values = string.Join(",", Enumerable.Repeat("1", NativeColumnsLimit + 1));
        var content = Read($$"""{ "racks": [ { "rack": "r", "timestamp": "2026-01-31T12:00:00Z", "powerW": [{{values}}] } ] }""");

        Assert.Contains("more than", Assert.Single(content.Refused).Reason);
        Assert.Empty(content.Destinations);
    }

    private const int NativeColumnsLimit = 4096;
}
