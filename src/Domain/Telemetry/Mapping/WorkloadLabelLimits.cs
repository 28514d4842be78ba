namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// How long a workload label may be. Kubernetes caps a pod's name at 253 characters (a namespace at 63), and model
/// names are shorter still: a longer value is not a real label, so the GPU is kept as unlabelled and the body's reply
/// says why, rather than carrying an unbounded string through every roll-up.
/// </summary>
public static class WorkloadLabelLimits
{
    public const int MaxLength = 253;

    public static bool Fits(ReadOnlySpan<char> value) => value.Length <= MaxLength;
}
