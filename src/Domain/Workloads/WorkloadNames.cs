namespace TokenFactoryTwin.Domain.Workloads;

/// <summary>
/// The lines that are not a tenant or a model of their own. In parentheses, which a Kubernetes namespace cannot hold,
/// so no tenant can take their names.
/// </summary>
public static class WorkloadNames
{
    /// <summary>GPUs producing no tokens now (silent, idle, or labelled but serving nothing): their cost is nobody's output.</summary>
    public const string Idle = "(idle)";

    /// <summary>GPUs producing tokens with no tenant (no <c>namespace</c> label) or no model named.</summary>
    public const string Unlabelled = "(unlabelled)";

    /// <summary>The smallest tenants or models folded into one line when there are more than a scope lists.</summary>
    public const string Other = "(other)";
}
