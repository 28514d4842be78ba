namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// Which series names mean which reading. dcgm-exporter names are per GPU; inference-server token counters
/// (vLLM, SGLang, TensorRT-LLM, Dynamo) carry no GPU id and are attributed by the request's source.
/// Lookups take a span so the parser can drop unwanted lines without allocating their names.
/// </summary>
public static class MetricNames
{
    private static readonly Dictionary<string, MetricField> ByName = new(StringComparer.Ordinal)
    {
        ["DCGM_FI_DEV_POWER_USAGE"] = MetricField.PowerW,
        ["DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"] = MetricField.EnergyMillijoules,
        ["DCGM_FI_DEV_GPU_UTIL"] = MetricField.UtilizationPercent,
        ["DCGM_FI_DEV_GPU_TEMP"] = MetricField.TemperatureC,
        ["DCGM_FI_DEV_FB_USED"] = MetricField.MemoryUsedMiB,
        ["vllm:prompt_tokens_total"] = MetricField.PromptTokens,
        ["vllm:generation_tokens_total"] = MetricField.GenerationTokens,
        ["sglang:prompt_tokens_total"] = MetricField.PromptTokens,
        ["sglang:generation_tokens_total"] = MetricField.GenerationTokens,
        ["vllm:num_requests_running"] = MetricField.RunningRequests,
        ["sglang:num_running_reqs"] = MetricField.RunningRequests,
        // TensorRT-LLM's serve metrics, under the prefixes it and Dynamo's pass-through have used.
        ["trtllm_prompt_tokens_total"] = MetricField.PromptTokens,
        ["trtllm_generation_tokens_total"] = MetricField.GenerationTokens,
        ["trtllm:prompt_tokens_total"] = MetricField.PromptTokens,
        ["trtllm:generation_tokens_total"] = MetricField.GenerationTokens,
        ["tensorrt_llm:prompt_tokens_total"] = MetricField.PromptTokens,
        ["tensorrt_llm:generation_tokens_total"] = MetricField.GenerationTokens,
        // Dynamo's frontend counts output tokens directly; input tokens only as a histogram, whose _sum is cumulative.
        ["dynamo_frontend_output_tokens_total"] = MetricField.GenerationTokens,
        ["dynamo_frontend_input_sequence_tokens_sum"] = MetricField.PromptTokens,
    };

    private static readonly Dictionary<string, MetricField>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IReadOnlyCollection<string> Known => ByName.Keys;

    public static bool TryGet(ReadOnlySpan<char> name, out MetricField field) => BySpan.TryGetValue(name, out field);

    public static bool IsKnown(ReadOnlySpan<char> name) => BySpan.ContainsKey(name);

    /// <summary>Token counters describe the whole inference server, not one GPU.</summary>
    public static bool IsServerLevel(MetricField field) =>
        field is MetricField.PromptTokens or MetricField.GenerationTokens or MetricField.RunningRequests;
}
