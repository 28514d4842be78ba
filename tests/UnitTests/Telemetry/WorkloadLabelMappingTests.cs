using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class WorkloadLabelMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 41, 11, TimeSpan.Zero);

    private static MappedTelemetry Map(string text, string? host = null)
    {
        var mapper = new TelemetryMapper(host, Now);
        PrometheusTextParser.Parse(text, mapper, [], []);
        return mapper.Finish();
    }

    [Fact]
    public void The_8x_H100_capture_keeps_the_Kubernetes_labels_of_the_one_GPU_a_pod_holds()
    {
        var host = Assert.Single(Map(Captures.Text(Captures.Dcgm8xH100)).Hosts);

        var gpus = host.Workloads!.Gpus;
        Assert.Equal(Enumerable.Range(0, 8), gpus.Select(g => g.GpuIndex));
        Assert.Equal(new GpuWorkload("dynamo-workload", "vllm-agg-0-vllmdecodeworker-s65j5", "main"), gpus[0].Workload);
        Assert.Equal("GPU-c4529c8d-69c4-b61d-e0bc-7b2460096005", gpus[0].Uuid);
        Assert.All(gpus.Skip(1), g => Assert.Null(g.Workload));
    }

    [Theory]
    [InlineData(Captures.Vllm, "Qwen/Qwen2.5-0.5B-Instruct")]
    [InlineData(Captures.Sglang, "meta-llama/Llama-3.1-8B-Instruct")]
    public void Inference_server_token_counters_carry_the_model_they_name(string capture, string model)
    {
        var mapped = Map(Captures.Text(capture), "gpu-node-1");

        Assert.Equal(model, Assert.Single(mapped.Tokens).Model);
    }

    [Fact]
    public void An_absurdly_long_namespace_leaves_the_GPU_unlabelled_once_counted_and_its_readings_apply()
    {
        var tenant = new string('t', WorkloadLabelLimits.MaxLength + 1);
        var text = $"DCGM_FI_DEV_POWER_USAGE{{gpu=\"0\",Hostname=\"n1\",namespace=\"{tenant}\",pod=\"p\"}} 500\n"
            + $"DCGM_FI_DEV_GPU_TEMP{{gpu=\"0\",Hostname=\"n1\",namespace=\"{tenant}\",pod=\"p\"}} 60\n"
            + "DCGM_FI_DEV_POWER_USAGE{gpu=\"1\",Hostname=\"n1\",namespace=\"ok\",pod=\"p\"} 400\n";

        var mapped = Map(text);

        Assert.Equal(1, mapped.LabelsDropped);
        Assert.Equal(0, mapped.Refused);
        Assert.Contains("longer than 253", Assert.Single(mapped.Issues).Reason);
        var host = Assert.Single(mapped.Hosts);
        Assert.Equal(2, host.Samples.Count);
        Assert.Equal([null, new GpuWorkload("ok", "p")], host.Workloads!.Gpus.Select(g => g.Workload));
    }

    [Fact]
    public void An_absurdly_long_model_name_counts_the_tokens_without_a_model()
    {
        var text = $"vllm:generation_tokens_total{{model_name=\"{new string('m', 10_000)}\"}} 42\n";

        var mapped = Map(text, "n1");

        Assert.Equal(1, mapped.LabelsDropped);
        var tokens = Assert.Single(mapped.Tokens);
        Assert.Null(tokens.Model);
        Assert.Equal(42, tokens.GenerationTokens);
    }
}
