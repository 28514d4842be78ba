using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Domain.Telemetry;

namespace TokenFactoryTwin.Grains.Ingest;

/// <summary>
/// Spreads an inference server's token counters evenly over its GPUs, one rack call per rack it spans, and tells those
/// racks the model the server names (when it changes, and now and then again for a re-activated rack).
/// </summary>
public sealed class InferenceEndpointGrain(
    [PersistentState("endpoint", StorageNames.Twin)] IPersistentState<InferenceEndpointState> state,
    TimeProvider time) : Grain, IInferenceEndpointGrain
{
    private static readonly TimeSpan ModelRefreshEvery = TimeSpan.FromMinutes(1);
    private (string Model, DateTimeOffset At)? _modelTold;

    public async Task Set(InferenceEndpointSpec spec)
    {
        _modelTold = null; // its GPUs may have changed: tell the racks again

        state.State.Spec = spec;
        await state.WriteStateAsync();
    }

    public Task<InferenceEndpointSpec?> Get() => Task.FromResult(state.State.Spec);

    public async Task<bool> Remove()
    {
        var existed = state.State.Spec is not null;
        await state.ClearStateAsync();
        state.State = new InferenceEndpointState();
        return existed;
    }

    public async Task<IngestResult> Ingest(IReadOnlyList<ServerTokens> tokens)
    {
        if (state.State.Spec is not { } spec || spec.Gpus.Count == 0)
        {
            return new IngestResult(0, tokens.Count, [new IngestError(0, "the inference endpoint is not registered")]);
        }

        var facility = TwinKeys.FacilityOf(this.GetPrimaryKeyString());
        var byRack = spec.Gpus
            .Select(id => GpuIds.TryParse(id, out var rack, out var slot) ? (rack, slot) : (rack: "", slot: -1))
            .Where(g => g.slot >= 0)
            .GroupBy(g => g.rack, g => g.slot);
        var results = await Task.WhenAll(byRack.Select(rack =>
            GrainFactory.Reference<IRackGrain>(TwinKeys.Rack(facility, rack.Key)).Ingest(Shares(tokens, [.. rack], spec.Gpus.Count))));

        // Each rack's share of the server's running requests: the share of the server's GPUs that stand in it.
        if (ServingObservations.Latest(tokens) is { RunningRequests: { } running } latest)
        {
            var server = $"endpoint:{this.GetPrimaryKeyString()}";
            foreach (var rack in byRack)
            {
                _ = GrainFactory.Reference<IRackGrain>(TwinKeys.Rack(facility, rack.Key))
                    .ObserveServing(new ServingShare(server, running * rack.Count() / spec.Gpus.Count, latest.Timestamp));
            }
        }

        if (tokens.Count > 0 && tokens[^1].Model is { } model && NewModel(model))
        {
            foreach (var rack in byRack)
            {
                _ = GrainFactory.Reference<IRackGrain>(TwinKeys.Rack(facility, rack.Key)).ServeModel([.. rack], model);
            }
        }

        var reasons = results.SelectMany(r => r.Errors).Select(e => e.Reason).Distinct().ToList();
        return reasons.Count == 0
            ? new IngestResult(tokens.Count, 0, [])
            : new IngestResult(0, tokens.Count, [new IngestError(0, string.Join("; ", reasons))]);
    }

    private bool NewModel(string model)
    {
        var now = time.GetUtcNow();
        if (_modelTold is { } told && told.Model == model && now - told.At < ModelRefreshEvery)
        {
            return false;
        }

        _modelTold = (model, now);
        return true;
    }

    /// <summary>One rack's part of the server's readings: each reading's share for each of the server's GPUs in the rack.</summary>
    private static GpuSampleBatch Shares(IReadOnlyList<ServerTokens> tokens, int[] slots, int serverGpus)
    {
        var batch = new GpuSampleBatchBuilder(tokens.Count * slots.Length);
        foreach (var reading in tokens)
        {
            TokenShares.Spread(reading, slots, serverGpus, batch);
        }

        return batch.Build();
    }
}
