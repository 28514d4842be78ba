using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Workloads;

/// <summary>
/// What each GPU of a rack serves, by slot: the Kubernetes workload its labels name (tenant, pod, container) and the
/// model its inference server names. Told on change by the rack's hosts and endpoints, never per sample. A simulated
/// rack serves the model its facility file names on every GPU.
/// </summary>
public sealed class RackWorkloads(int gpus)
{
    private readonly GpuWorkload?[] _workloads = new GpuWorkload?[gpus];
    private readonly string?[] _models = new string?[gpus];

    public int Gpus => _workloads.Length;

    /// <summary>The model every GPU of a simulated rack serves (its facility file's workload); null for a live rack.</summary>
    public string? SimulatedModel { get; set; }

    /// <summary>Sets the workloads of slots <paramref name="firstSlot"/> on; slots outside the rack are ignored.</summary>
    public void Label(int firstSlot, IReadOnlyList<GpuWorkload?> workloads)
    {
        for (var i = 0; i < workloads.Count; i++)
        {
            var slot = firstSlot + i;
            if (slot >= 0 && slot < _workloads.Length)
            {
                // An unchanged label keeps the instance it had: a refresh does not multiply equal strings.
                _workloads[slot] = Equals(_workloads[slot], workloads[i]) ? _workloads[slot] : workloads[i];
            }
        }
    }

    public void Serve(IReadOnlyList<int> slots, string model)
    {
        foreach (var slot in slots)
        {
            if (slot >= 0 && slot < _models.Length)
            {
                _models[slot] = _models[slot] == model ? _models[slot] : model;
            }
        }
    }

    public GpuWorkload? WorkloadOf(int slot) => _workloads[slot];

    public string? TenantOf(int slot) => _workloads[slot]?.Tenant;

    public string? ModelOf(int slot) => _models[slot] ?? SimulatedModel;
}
