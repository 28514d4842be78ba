using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class TelemetryMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 41, 11, TimeSpan.Zero);

    private static MappedTelemetry Map(string text, string? host = null)
    {
        var points = new List<MetricPoint>();
        var issues = new List<ParseIssue>();
        var lines = PrometheusTextParser.ParseKnown(text, points, issues);
        var mapped = new MappedTelemetry();
        mapped.Issues.AddRange(issues);
        TelemetryMapper.Map(points, host, Now, mapped);
        mapped.Ignored = lines - points.Count - issues.Count;
        return mapped;
    }

    [Fact]
    public void The_8x_H100_capture_yields_8_GPUs_of_one_host_with_their_exact_readings()
    {
        var mapped = Map(Captures.Text(Captures.Dcgm8xH100));

        Assert.Empty(mapped.Issues);
        Assert.Equal(8, mapped.Gpus.Count);
        Assert.All(mapped.Gpus, g => Assert.Equal("gpu-node-1", g.Host));
        var byIndex = mapped.Gpus.OrderBy(g => g.Sample.GpuIndex).Select(g => g.Sample).ToList();
        Assert.Equal(Enumerable.Range(0, 8), byIndex.Select(s => s.GpuIndex));
        Assert.Equal([113.611, 68.347, 65.709, 67.316, 68.717, 65.742, 67.328, 66.997], byIndex.Select(s => s.PowerW!.Value));
        Assert.Equal([30.0, 29, 26, 29, 28, 26, 28, 26], byIndex.Select(s => s.TemperatureC!.Value));
        Assert.All(byIndex, s => Assert.Equal(0, s.UtilizationPercent));
        Assert.Equal("GPU-c4529c8d-69c4-b61d-e0bc-7b2460096005", byIndex[0].Uuid);
        Assert.All(byIndex, s => Assert.Equal(Now, s.Timestamp));
        // MEM_COPY_UTIL is not a reading the twin maps: ignored, not an error.
        Assert.Equal(6, mapped.Ignored);
        Assert.Empty(mapped.Tokens);
    }

    [Fact]
    public void The_ec2_capture_keys_its_GPUs_by_the_EC2_host_name()
    {
        var mapped = Map(Captures.Text(Captures.Dcgm8xH100Ec2));

        Assert.Equal(8, mapped.Gpus.Count);
        Assert.Equal(["ip-100-64-147-149.ec2.internal"], mapped.Hosts);
    }

    [Theory]
    [InlineData(Captures.DcgmL4, "i-030791dc5a37cd257", 16.365, 4742776.0)]
    [InlineData(Captures.DcgmL40S, null, 35.7, null)]
    public void Full_dcgm_scrapes_map_power_energy_and_memory(string capture, string? host, double powerW, double? energy)
    {
        var mapped = Map(Captures.Text(capture));

        var gpu = Assert.Single(mapped.Gpus);
        if (host is not null)
        {
            Assert.Equal(host, gpu.Host);
        }

        Assert.Equal(powerW, gpu.Sample.PowerW!.Value, 1);
        if (energy is not null)
        {
            Assert.Equal(energy, gpu.Sample.EnergyMillijoules);
        }

        Assert.NotNull(gpu.Sample.EnergyMillijoules);
        Assert.NotNull(gpu.Sample.MemoryUsedMiB);
        Assert.True(mapped.Ignored > 10);
    }

    [Fact]
    public void A_host_named_by_the_request_wins_over_the_label()
    {
        var mapped = Map(Captures.Text(Captures.Dcgm8xH100), host: "rack7-node1");

        Assert.Equal(["rack7-node1"], mapped.Hosts);
    }

    [Fact]
    public void Sglang_token_counters_become_one_server_reading()
    {
        var mapped = Map(Captures.Text(Captures.Sglang));

        Assert.Empty(mapped.Gpus);
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
        var sample = Assert.Single(Map(text).Gpus).Sample;

        Assert.Equal(300, sample.PowerW);
        Assert.Equal(55, sample.TemperatureC);
        Assert.Equal(3000, sample.MemoryUsedMiB);
    }

    [Fact]
    public void Junk_and_non_finite_values_are_skipped_and_reported_and_the_rest_maps()
    {
        const string text = """
            DCGM_FI_DEV_GPU_TEMP{gpu="0",Hostname="h"} ERROR - FAILED TO CONVERT TO STRING
            DCGM_FI_DEV_POWER_USAGE{gpu="0",Hostname="h"} NaN
            DCGM_FI_DEV_GPU_UTIL{gpu="0",Hostname="h"} +Inf
            DCGM_FI_DEV_FB_USED{gpu="0",Hostname="h"} 512
            """;
        var mapped = Map(text);

        var sample = Assert.Single(mapped.Gpus).Sample;
        Assert.Null(sample.PowerW);
        Assert.Null(sample.TemperatureC);
        Assert.Equal(512, sample.MemoryUsedMiB);
        Assert.Equal(3, mapped.Issues.Count);
        Assert.Equal([1, 2, 3], mapped.Issues.Select(i => i.Line));
    }

    [Fact]
    public void Gpu_series_without_host_or_index_are_reported()
    {
        var mapped = Map("DCGM_FI_DEV_POWER_USAGE{gpu=\"0\"} 10\nDCGM_FI_DEV_POWER_USAGE{Hostname=\"h\"} 10\n");

        Assert.Empty(mapped.Gpus);
        Assert.Contains("Hostname", mapped.Issues[0].Reason);
        Assert.Contains("gpu", mapped.Issues[1].Reason);
    }

    [Fact]
    public void Explicit_timestamps_split_readings_into_one_sample_per_instant()
    {
        var mapped = Map("DCGM_FI_DEV_POWER_USAGE{gpu=\"0\",Hostname=\"h\"} 10 1700000000000\nDCGM_FI_DEV_POWER_USAGE{gpu=\"0\",Hostname=\"h\"} 20 1700000001000\n");

        Assert.Equal([10.0, 20.0], mapped.Gpus.OrderBy(g => g.Sample.Timestamp).Select(g => g.Sample.PowerW!.Value));
    }
}
