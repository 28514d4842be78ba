namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>The real captures in TestData (copied with their provenance from the shared fixtures).</summary>
public static class Captures
{
    public const string Dcgm8xH100 = "dcgm_exporter_aicr_eks_8xH100_sampled.prom";
    /// <summary>The 8x H100 capture with enforced power limits and clock throttle reasons added (a labelled variant).</summary>
    public const string Dcgm8xH100PowerCap = "dcgm_exporter_aicr_eks_8xH100_sampled_powercap.prom";
    public const string DcgmL4 = "dcgm_exporter_kops_aws_1xL4.prom";
    public const string Sglang = "sglang_metrics_llama3.1-8b_loaded.prom";
    public const string Vllm = "vllm_metrics_kops_qwen2.5-0.5b_idle_truncated.prom";
    public const string Otlp = "otlp_proto_examples_metrics.json";

    public static readonly double[] H100Power = [113.611, 68.347, 65.709, 67.316, 68.717, 65.742, 67.328, 66.997];

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));
}
