namespace TokenFactoryTwin.UnitTests.Telemetry;

/// <summary>The real captures in TestData (copied with their provenance from the shared fixtures).</summary>
internal static class Captures
{
    public const string Dcgm8xH100 = "dcgm_exporter_aicr_eks_8xH100_sampled.prom";
    /// <summary>A labelled variant of <see cref="Dcgm8xH100"/> with enforced power limits and clock throttle reasons added.</summary>
    public const string Dcgm8xH100PowerCap = "dcgm_exporter_aicr_eks_8xH100_sampled_powercap.prom";
    public const string Dcgm8xH100Ec2 = "dcgm_exporter_aicr_eks_8xH100_sampled_ec2host.prom";
    public const string DcgmL4 = "dcgm_exporter_kops_aws_1xL4.prom";
    public const string DcgmL40S = "dcgm_exporter_upcloud_1xL40S.prom";
    public const string Sglang = "sglang_metrics_llama3.1-8b_loaded.prom";
    public const string Vllm = "vllm_metrics_kops_qwen2.5-0.5b_idle_truncated.prom";
    public const string Otlp = "otlp_proto_examples_metrics.json";

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));
}
