using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// Which series names mean which reading (a <see cref="GpuMetrics"/> flag, as in the native format). dcgm-exporter
/// names are per GPU; inference-server token counters (vLLM, SGLang, TensorRT-LLM, Dynamo) carry no GPU id and are
/// attributed by the request's source.
/// Lookups take a span so the parser can drop unwanted lines without allocating their names.
/// </summary>
public static class MetricNames
{
    private static readonly Dictionary<string, GpuMetrics> ByName = new(StringComparer.Ordinal)
    {
        ["DCGM_FI_DEV_POWER_USAGE"] = GpuMetrics.Power,
        ["DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"] = GpuMetrics.Energy,
        ["DCGM_FI_DEV_GPU_UTIL"] = GpuMetrics.Utilization,
        ["DCGM_FI_DEV_GPU_TEMP"] = GpuMetrics.Temperature,
        ["DCGM_FI_DEV_FB_USED"] = GpuMetrics.Memory,
        // What the hardware does with a power cap. Not in dcgm-exporter's default counters: a counters file enables
        // them. The reasons field was renamed with NVML's "clocks event" reasons; both names mean the same bitmask.
        ["DCGM_FI_DEV_ENFORCED_POWER_LIMIT"] = GpuMetrics.EnforcedPowerLimit,
        ["DCGM_FI_DEV_CLOCKS_EVENT_REASONS"] = GpuMetrics.ClocksEventReasons,
        ["DCGM_FI_DEV_CLOCK_THROTTLE_REASONS"] = GpuMetrics.ClocksEventReasons,
        ["vllm:prompt_tokens_total"] = GpuMetrics.PromptTokens,
        ["vllm:generation_tokens_total"] = GpuMetrics.GenerationTokens,
        ["sglang:prompt_tokens_total"] = GpuMetrics.PromptTokens,
        ["sglang:generation_tokens_total"] = GpuMetrics.GenerationTokens,
        ["vllm:num_requests_running"] = GpuMetrics.RunningRequests,
        ["sglang:num_running_reqs"] = GpuMetrics.RunningRequests,
        // TensorRT-LLM's serve metrics, under the prefixes it and Dynamo's pass-through have used.
        ["trtllm_prompt_tokens_total"] = GpuMetrics.PromptTokens,
        ["trtllm_generation_tokens_total"] = GpuMetrics.GenerationTokens,
        ["trtllm:prompt_tokens_total"] = GpuMetrics.PromptTokens,
        ["trtllm:generation_tokens_total"] = GpuMetrics.GenerationTokens,
        ["tensorrt_llm:prompt_tokens_total"] = GpuMetrics.PromptTokens,
        ["tensorrt_llm:generation_tokens_total"] = GpuMetrics.GenerationTokens,
        // Dynamo's frontend counts output tokens directly; input tokens only as a histogram, whose _sum is cumulative.
        ["dynamo_frontend_output_tokens_total"] = GpuMetrics.GenerationTokens,
        ["dynamo_frontend_input_sequence_tokens_sum"] = GpuMetrics.PromptTokens,
    };

    private static readonly Dictionary<string, GpuMetrics>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IReadOnlyCollection<string> Known => ByName.Keys;

    public static bool TryGet(ReadOnlySpan<char> name, out GpuMetrics reading) => BySpan.TryGetValue(name, out reading);

    public static bool IsKnown(ReadOnlySpan<char> name) => BySpan.ContainsKey(name);

    /// <summary>Token counters and running requests describe the whole inference server, not one GPU.</summary>
    public static bool IsServerLevel(GpuMetrics reading) =>
        reading is GpuMetrics.PromptTokens or GpuMetrics.GenerationTokens or GpuMetrics.RunningRequests;
}
