using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>
/// Maps one host's GPUs to its rack's slots and forwards each scraped batch to the rack in one call. The UUID wins
/// over the exporter's index once seen, so a GPU keeps its slot if the exporter renumbers; a UUID new to a slot
/// another UUID holds is refused and listed, not silently taken for the old GPU. It passes its GPUs' Kubernetes
/// workloads to the rack when the gateway sends them (on change), credits its server's tokens to the GPUs a pod holds
/// when any does (the server runs in that pod; <see cref="HostTokenLedger"/>), and tells the rack the model it names.
/// </summary>
public sealed class HostGrain(
    [PersistentState("host", StorageNames.Twin)] IPersistentState<HostState> state,
    TimeProvider time) : Grain, IHostGrain
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    /// <summary>How often the rack is told the model again though unchanged: a re-activated rack has forgotten it.</summary>
    private static readonly TimeSpan ModelRefreshEvery = TimeSpan.FromMinutes(1);
    private GpuWorkload?[] _labels = [];
    private readonly HostTokenLedger _ledger = new();
    private (string Model, int[] Slots, DateTimeOffset At)? _modelTold;
    private readonly Dictionary<string, DateTimeOffset> _reported = [];
    private bool _resolved;

    private string Hostname => TwinKeys.LocalId(this.GetPrimaryKeyString());

    private string FacilityId => TwinKeys.FacilityOf(this.GetPrimaryKeyString());

    public async Task<string?> Assign(HostAssignment assignment)
    {
        if (state.State.Assignment is { } current)
        {
            if (current == assignment)
            {
                return null;
            }

            if (current.RackId != assignment.RackId)
            {
                return $"host '{Hostname}' belongs to rack '{current.RackId}'";
            }
        }

        await Adopt(assignment);
        return null;
    }

    public async Task Release(string rackId)
    {
        if (state.State.Assignment?.RackId == rackId)
        {
            await state.ClearStateAsync();
            state.State = new HostState();
            _resolved = false;
        }
    }

    public async Task<HostAssignment?> GetAssignment()
    {
        await Resolve();
        return state.State.Assignment;
    }

    public async Task<IngestResult> Ingest(GpuSampleBatch samples, IReadOnlyList<ServerTokens> tokens, HostWorkloads? workloads = null)
    {
        var count = samples.Count;
        await Resolve();
        if (state.State.Assignment is not { } assignment)
        {
            var gpusSeen = new HashSet<int>();
            foreach (var sample in samples.Samples)
            {
                gpusSeen.Add(sample.GpuIndex);
            }

            Discovered(new DiscoveredSource(DiscoveredSourceKinds.Host, Hostname, null, null,
                $"host '{Hostname}' is not in any live rack; register a rack listing it (POST /api/racks)", time.GetUtcNow(), gpusSeen.Count));

            // Nothing to keep for a host no rack lists: a sender making up host names would otherwise leave one
            // activation per name for the collection age (15 minutes). Its next batch activates it again and asks
            // the facility afresh, as it would anyway.
            DeactivateOnIdle();
            return new IngestResult(0, count + tokens.Count, [new IngestError(0, $"host '{Hostname}' is not registered; it is listed at /api/discovered")]);
        }

        var rack = GrainFactory.Reference<IRackGrain>(TwinKeys.Rack(assignment.FacilityId, assignment.RackId));
        if (workloads is not null)
        {
            Relabel(assignment, workloads, rack);
        }

        var forRack = new GpuSampleBatchBuilder(count + tokens.Count * assignment.Gpus);
        var origin = new List<int>(count + tokens.Count * assignment.Gpus);
        var errors = new List<IngestError>();
        var learnt = false;
        var packed = samples.Samples;
        for (var i = 0; i < count; i++)
        {
            var sample = packed[i];
            var uuid = samples.UuidAt(i);
            var problem = Locate(assignment, sample.GpuIndex, uuid, out var local, ref learnt);
            if (problem is not null)
            {
                errors.Add(new IngestError(i, problem));
                continue;
            }

            forRack.Add(sample with { GpuIndex = assignment.FirstSlot + local }, uuid);
            origin.Add(i);
        }

        // The server's tokens are the host's: each reading spread over the GPUs it serves on, after the exporter's samples.
        if (tokens.Count > 0)
        {
            var serving = ServingGpus(assignment);
            for (var t = 0; t < tokens.Count; t++)
            {
                var before = forRack.Count;
                _ledger.Credit(tokens[t], assignment.FirstSlot, assignment.Gpus, serving, forRack);
                origin.AddRange(Enumerable.Repeat(count + t, forRack.Count - before));
            }

            if (tokens[^1].Model is { } model)
            {
                TellModel(rack, model, serving.Length > 0
                    ? [.. serving.Select(g => assignment.FirstSlot + g)]
                    : [.. Enumerable.Range(assignment.FirstSlot, assignment.Gpus)]);
            }
        }

        if (learnt)
        {
            await state.WriteStateAsync();
        }

        var result = forRack.Count == 0
            ? IngestResult.Empty
            : await rack.Ingest(forRack.Build());
        foreach (var error in result.Errors)
        {
            var at = origin[Math.Clamp(error.Index, 0, origin.Count - 1)];
            if (errors.All(e => e.Index != at))
            {
                errors.Add(new IngestError(at, at >= count ? $"server tokens: {error.Reason}" : error.Reason));
            }
        }

        // The server's running requests go to the rack beside its counters: all of a host's GPUs stand in one rack.
        if (ServingObservations.Latest(tokens) is { RunningRequests: { } running } latest)
        {
            // One-way: a lost gauge is replaced by the next scrape's.
            _ = rack.ObserveServing(new ServingShare($"host:{Hostname}", running, latest.Timestamp));
        }

        var total = count + tokens.Count;
        var rejected = errors.Select(e => e.Index).Distinct().Count();
        errors.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new IngestResult(total - rejected, rejected, errors);
    }

    /// <summary>
    /// Keeps the workloads the labels name for the GPUs a body reported (by UUID once learnt, else by index) and hands
    /// the rack the host's whole list: the gateway sends labels only when they change or on its refresh, so this is
    /// rare, and a re-activated rack learns them at the refresh.
    /// </summary>
    private void Relabel(HostAssignment assignment, HostWorkloads workloads, IRackGrain rack)
    {
        if (_labels.Length != assignment.Gpus)
        {
            _labels = new GpuWorkload?[assignment.Gpus];
        }

        foreach (var gpu in workloads.Gpus)
        {
            var local = gpu.Uuid is { Length: > 0 } uuid && state.State.Uuids.TryGetValue(uuid, out var known) ? known : gpu.GpuIndex;
            if (local >= 0 && local < _labels.Length)
            {
                _labels[local] = gpu.Workload;
            }
        }

        _ = rack.LabelGpus(assignment.FirstSlot, [.. _labels]);
    }

    /// <summary>
    /// The host's GPUs a host-level server's tokens go to: those a pod holds when the labels say any does (the server
    /// runs in a pod; the others are idle); none listed means all of them.
    /// </summary>
    private int[] ServingGpus(HostAssignment assignment) =>
        [.. Enumerable.Range(0, Math.Min(_labels.Length, assignment.Gpus)).Where(g => _labels[g] is not null)];

    /// <summary>Tells the rack which model the slots serve when it changed, and now and then again (one-way).</summary>
    private void TellModel(IRackGrain rack, string model, int[] slots)
    {
        var now = time.GetUtcNow();
        if (_modelTold is { } told && told.Model == model && told.Slots.AsSpan().SequenceEqual(slots) && now - told.At < ModelRefreshEvery)
        {
            return;
        }

        _modelTold = (model, slots, now);
        _ = rack.ServeModel(slots, model);
    }

    /// <summary>
    /// Takes this host's place from the facility's topology, once per activation: racks do not tell their hosts when
    /// the facility is configured (a gigawatt facility has 133,200 of them), and the topology may have moved the host
    /// while this grain slept. A host no live rack lists asks again on its next batch, so a rack registered meanwhile
    /// is found at once; so does a host that could not reach the facility, using the place it kept meanwhile.
    /// </summary>
    private async Task Resolve()
    {
        if (_resolved)
        {
            return;
        }

        HostAssignment? assignment;
        try
        {
            assignment = await GrainFactory.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(FacilityId)).FindHost(Hostname);
        }
        catch (Exception e) when ((e is OrleansException or TimeoutException) && state.State.Assignment is not null)
        {
            // The facility is moving (its silo was lost): the place this host kept stands until it answers again.
            return;
        }

        if (assignment is not null)
        {
            await Adopt(assignment);
        }
    }

    /// <summary>A new place forgets the UUIDs learnt in the old one: the slots they held are another rack's now.</summary>
    private async Task Adopt(HostAssignment assignment)
    {
        _resolved = true;
        if (state.State.Assignment == assignment)
        {
            return;
        }

        state.State.Assignment = assignment;
        state.State.Uuids.Clear();
        await state.WriteStateAsync();
        await GrainFactory.Reference<IDiscoveryGrain>(TwinKeys.Discovery(FacilityId)).Forget(Hostname);
    }

    private string? Locate(HostAssignment assignment, int gpuIndex, string? uuid, out int local, ref bool learnt)
    {
        var uuids = state.State.Uuids;
        if (uuid is { Length: > 0 } && uuids.TryGetValue(uuid, out local))
        {
            return null;
        }

        local = gpuIndex;
        if (local < 0 || local >= assignment.Gpus)
        {
            Discovered(new DiscoveredSource(DiscoveredSourceKinds.Gpu, Hostname, gpuIndex, uuid,
                $"host '{Hostname}' is registered with {assignment.Gpus} GPUs but reports GPU {gpuIndex}", time.GetUtcNow()));
            return $"gpu {gpuIndex} of host '{Hostname}' is beyond the {assignment.Gpus} GPUs registered for it; listed at /api/discovered";
        }

        if (uuid is { Length: > 0 } newUuid)
        {
            var position = local;
            var holder = uuids.FirstOrDefault(u => u.Value == position).Key;
            if (holder is not null)
            {
                Discovered(new DiscoveredSource(DiscoveredSourceKinds.Gpu, Hostname, gpuIndex, newUuid,
                    $"GPU {newUuid} reports as gpu {gpuIndex}, whose slot belongs to {holder}", time.GetUtcNow()));
                return $"gpu {gpuIndex} of host '{Hostname}' has UUID {newUuid}, but that slot belongs to {holder}; listed at /api/discovered";
            }

            uuids[newUuid] = local;
            learnt = true;
        }

        return null;
    }

    private void Discovered(DiscoveredSource source)
    {
        var key = $"{source.Kind}/{source.GpuIndex}/{source.Uuid}";
        var now = time.GetUtcNow();
        if (_reported.TryGetValue(key, out var last) && now - last < ReportEvery)
        {
            return;
        }

        _reported[key] = now;
        _ = GrainFactory.Reference<IDiscoveryGrain>(TwinKeys.Discovery(FacilityId)).Report(source);
    }
}
