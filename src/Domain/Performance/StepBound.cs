namespace TokenFactoryTwin.Domain.Performance;

/// <summary>Which term takes the largest share of a decode step.</summary>
public enum StepBound
{
    /// <summary>Reading weights from HBM.</summary>
    WeightsMemory,

    /// <summary>Reading the KV cache from HBM.</summary>
    KvMemory,

    /// <summary>Tensor-core math.</summary>
    Compute,

    /// <summary>Collectives inside the NVLink / Infinity Fabric domain.</summary>
    ScaleUp,

    /// <summary>Collectives over the NIC, beyond the scale-up domain.</summary>
    ScaleOut,

    /// <summary>The fixed cost per layer and per step (kernel launches, synchronisation, scheduling).</summary>
    FixedLatency,
}
