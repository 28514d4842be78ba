using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class TelemetryMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 41, 11, TimeSpan.Zero);

    private static MappedTelemetry Map(string text, string? host = null)
    {
        var mapper = new TelemetryMapper(host, Now);
        PrometheusTextParser.Parse(text, mapper, [], []);
        return mapper.Finish();
    }

    /// <summary>Every packed sample of every host, with its host and UUID.</summary>
    private static List<(string Host, PackedGpuSample Sample, string? Uuid)> Samples(MappedTelemetry mapped) =>
        [.. mapped.Hosts.SelectMany(host =>
        {
            var batch = host.Samples.Build();
            return Enumerable.Range(0, batch.Count).Select(i => (host.Key, batch.Samples[i], batch.UuidAt(i)));
        })];

    [Fact]
    public void The_8x_H100_capture_packs_8_GPUs_of_one_host_with_their_exact_readings()
    {
        var mapped = Map(Captures.Text(Captures.Dcgm8xH100));

        Assert.Empty(mapped.Issues);
        var host = Assert.Single(mapped.Hosts);
        Assert.Equal("gpu-node-1", host.Key);
        var samples = Samples(mapped).OrderBy(s => s.Sample.GpuIndex).ToList();
        Assert.Equal(Enumerable.Range(0, 8), samples.Select(s => s.Sample.GpuIndex));
        Assert.Equal(Enumerable.Range(0, 8), host.Indices.ToArray().Order());
        Assert.Equal([113.611, 68.347, 65.709, 67.316, 68.717, 65.742, 67.328, 66.997], samples.Select(s => s.Sample.Readings.PowerW));
        Assert.Equal([30.0, 29, 26, 29, 28, 26, 28, 26], samples.Select(s => s.Sample.Readings.TemperatureC));
        Assert.All(samples, s => Assert.True(s.Sample.Has(GpuMetrics.Utilization) && s.Sample.Readings.UtilizationPercent == 0));
        Assert.Equal("GPU-c4529c8d-69c4-b61d-e0bc-7b2460096005", samples[0].Uuid);
        Assert.All(samples, s => Assert.Equal(Now, s.Sample.Timestamp));
        // MEM_COPY_UTIL is not a reading the twin maps: ignored, not an error.
        Assert.Equal(6, mapped.Ignored);
        Assert.Empty(mapped.Tokens);
    }

    [Fact]
    public void The_ec2_capture_keys_its_GPUs_by_the_EC2_host_name()
    {
        var mapped = Map(Captures.Text(Captures.Dcgm8xH100Ec2));

        Assert.Equal(8, Samples(mapped).Count);
        Assert.Equal(["ip-100-64-147-149.ec2.internal"], mapped.Hosts.Select(h => h.Key));
    }

    [Theory]
    [InlineData(Captures.DcgmL4, "i-030791dc5a37cd257", 16.365, 4742776.0)]
    [InlineData(Captures.DcgmL40S, null, 35.7, null)]
    public void Full_dcgm_scrapes_map_power_energy_and_memory(string capture, string? host, double powerW, double? energy)
    {
        var mapped = Map(Captures.Text(capture));

        var (hostName, sample, _) = Assert.Single(Samples(mapped));
        if (host is not null)
        {
            Assert.Equal(host, hostName);
        }

        Assert.Equal(powerW, sample.Readings.PowerW, 1);
        if (energy is not null)
        {
            Assert.Equal(energy, sample.Readings.EnergyMillijoules);
        }

        Assert.True(sample.Has(GpuMetrics.Energy));
        Assert.True(sample.Has(GpuMetrics.Memory));
        Assert.True(mapped.Ignored > 10);
    }

    [Fact]
    public void A_host_named_by_the_request_wins_over_the_label()
    {
        var mapped = Map(Captures.Text(Captures.Dcgm8xH100), host: "rack7-node1");

        Assert.Equal(["rack7-node1"], mapped.Hosts.Select(h => h.Key));
    }

    [Fact]
    public void Series_of_several_hosts_pack_one_batch_per_host_in_the_order_they_appear()
    {
        var mapped = Map("""
            DCGM_FI_DEV_POWER_USAGE{gpu="1",Hostname="b"} 20
            DCGM_FI_DEV_POWER_USAGE{gpu="0",hostname="a"} 10
            DCGM_FI_DEV_GPU_TEMP{gpu="1",Hostname="b"} 50
            DCGM_FI_DEV_POWER_USAGE{gpu="0",Hostname="c",hostname="a"} 30
            """);

        Assert.Equal(["b", "a", "c"], mapped.Hosts.Select(h => h.Key));
        var b = Samples(mapped).Single(s => s.Host == "b").Sample;
        Assert.Equal((GpuMetrics.Power | GpuMetrics.Temperature, 20.0, 50.0), (b.Present, b.Readings.PowerW, b.Readings.TemperatureC));
    }

    [Fact]
    public void Sglang_token_counters_become_one_server_reading()
    {
        var mapped = Map(Captures.Text(Captures.Sglang));

        Assert.Empty(mapped.Hosts);
        Assert.Equal(8128902, mapped.Tokens.Single().PromptTokens);
        Assert.Equal(7557572, mapped.Tokens.Single().GenerationTokens);
        Assert.Equal(Now, mapped.Tokens.Single().Timestamp);
    }

    [Fact]
    public void Vllm_counters_map_and_created_series_do_not()
    {
        var mapped = Map(Captures.Text(Captures.Vllm));

        Assert.Equal(0, mapped.Tokens.Single().PromptTokens);
        Assert.Equal(0, mapped.Tokens.Single().GenerationTokens);
        Assert.Empty(mapped.Issues);
    }

    [Fact]
    public void Counters_of_several_engines_are_summed()
    {
        var mapped = Map("vllm:generation_tokens_total{engine=\"0\"} 100\nvllm:generation_tokens_total{engine=\"1\"} 50\n");

        Assert.Equal(150, mapped.Tokens.Single().GenerationTokens);
        Assert.Null(mapped.Tokens.Single().PromptTokens);
    }

    [Fact]
    public void Counter_readings_at_different_instants_stay_apart()
    {
        var mapped = Map("vllm:generation_tokens_total 100 1700000000000\nvllm:generation_tokens_total 300 1700000002000\nvllm:prompt_tokens_total 5 1700000002000\n");

        Assert.Equal([(100.0, (double?)null), (300.0, 5.0)], mapped.Tokens.Select(t => (t.GenerationTokens!.Value, t.PromptTokens)));
        Assert.Equal(1700000002000, mapped.Tokens[1].Timestamp.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Dynamo_and_TensorRT_LLM_counters_map()
    {
        Assert.Equal(42, Map("dynamo_frontend_output_tokens_total{model=\"m\"} 42\n").Tokens.Single().GenerationTokens);
        Assert.Equal(9, Map("dynamo_frontend_input_sequence_tokens_sum{model=\"m\"} 9\n").Tokens.Single().PromptTokens);
        Assert.Equal(7, Map("trtllm_prompt_tokens_total 7\n").Tokens.Single().PromptTokens);
    }

    [Fact]
    public void Mig_instances_repeat_device_values_which_are_not_summed()
    {
        const string text = """
            DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-a",Hostname="h",GPU_I_PROFILE="3g.40gb",GPU_I_ID="1"} 300
            DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-a",Hostname="h",GPU_I_PROFILE="3g.40gb",GPU_I_ID="2"} 300
            DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-a",Hostname="h",GPU_I_PROFILE="3g.40gb",GPU_I_ID="1"} 55
            DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-a",Hostname="h",GPU_I_PROFILE="3g.40gb",GPU_I_ID="2"} 55
            DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",Hostname="h",GPU_I_PROFILE="3g.40gb",GPU_I_ID="1"} 1000
            DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",Hostname="h",GPU_I_PROFILE="3g.40gb",GPU_I_ID="2"} 2000
            DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",Hostname="h",GPU_I_PROFILE="3g.40gb",GPU_I_ID="2"} 2000
            """;
        var (_, sample, uuid) = Assert.Single(Samples(Map(text)));

        Assert.Equal(300, sample.Readings.PowerW);
        Assert.Equal(55, sample.Readings.TemperatureC);
        Assert.Equal(3000, sample.Readings.MemoryUsedMiB);
        Assert.Equal("GPU-a", uuid);
    }

    [Fact]
    public void Junk_and_non_finite_values_are_skipped_and_reported_by_line_and_the_rest_maps()
    {
        const string text = """
            DCGM_FI_DEV_GPU_TEMP{gpu="0",Hostname="h"} ERROR - FAILED TO CONVERT TO STRING
            DCGM_FI_DEV_POWER_USAGE{gpu="0",Hostname="h"} NaN
            DCGM_FI_DEV_GPU_UTIL{gpu="0",Hostname="h"} +Inf
            DCGM_FI_DEV_FB_USED{gpu="0",Hostname="h"} 512
            """;
        var mapped = Map(text);

        var (_, sample, _) = Assert.Single(Samples(mapped));
        Assert.Equal(GpuMetrics.Memory, sample.Present);
        Assert.Equal(512, sample.Readings.MemoryUsedMiB);
        Assert.Equal(3, mapped.Refused);
        Assert.Equal([1, 2, 3], mapped.Issues.Select(i => i.Line));
        Assert.Contains("(gpu 0 on h)", mapped.Issues[1].Reason);
    }

    [Fact]
    public void Refusals_past_the_kept_reasons_are_still_counted()
    {
        var text = string.Concat(Enumerable.Range(0, MappedTelemetry.MaxIssues + 20).Select(i => $"DCGM_FI_DEV_POWER_USAGE{{gpu=\"{i}\"}} 10\n"));

        var mapped = Map(text);

        Assert.Equal(MappedTelemetry.MaxIssues + 20, mapped.Refused);
        Assert.Equal(MappedTelemetry.MaxIssues, mapped.Issues.Count);
    }

    [Fact]
    public void Gpu_series_without_host_or_index_are_reported()
    {
        var mapped = Map("DCGM_FI_DEV_POWER_USAGE{gpu=\"0\"} 10\nDCGM_FI_DEV_POWER_USAGE{Hostname=\"h\"} 10\n");

        Assert.Empty(mapped.Hosts);
        Assert.Contains("Hostname", mapped.Issues[0].Reason);
        Assert.Contains("gpu", mapped.Issues[1].Reason);
    }

    [Fact]
    public void Explicit_timestamps_split_readings_into_one_sample_per_instant()
    {
        var mapped = Map("DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",Hostname=\"h\"} 10 1700000000000\nDCGM_FI_DEV_POWER_USAGE{gpu=\"0\",Hostname=\"h\"} 20 1700000001000\n");

        Assert.Equal([10.0, 20.0], Samples(mapped).OrderBy(s => s.Sample.TimestampMs).Select(s => s.Sample.Readings.PowerW));
    }

    [Fact]
    public void Escaped_label_values_are_read_unescaped()
    {
        var mapped = Map("DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",Hostname=\"node\\\"1\\\\\"} 10\n");

        Assert.Equal(["node\"1\\"], mapped.Hosts.Select(h => h.Key));
    }
}
