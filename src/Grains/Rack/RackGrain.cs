using Orleans.Runtime.Placement;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Telemetry;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Kpis.History;
using TokenFactoryTwin.Domain.Power;
using TokenFactoryTwin.Domain.Simulation;
using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Timing;
using TokenFactoryTwin.Domain.Workloads;
using TokenFactoryTwin.Grains.Aggregation;
using TokenFactoryTwin.Grains.Placement;

namespace TokenFactoryTwin.Grains.Rack;

/// <summary>
/// The unit of ingestion. Holds its GPUs' hot state in arrays (<see cref="RackTelemetry"/>), simulates itself when its
/// source is simulated, and pushes a versioned snapshot, with its cord loads, to its hall, which forwards the cord
/// loads to the power nodes (one-way: a lost push is replaced by the next one, and the snapshot is idempotent).
/// A live rack pushes soon after telemetry reaches it (<see cref="FlushSchedule.RackGather"/>, at most every
/// <see cref="FlushSchedule.RackSpacing"/>); its period timer pushes only when no telemetry came in a period, so a
/// silent rack still reports and turns stale. A simulated rack ticks and pushes on its period timer.
/// <para>
/// A rack asks the facility for its configuration when it activates (<see cref="IFacilityTopologyGrain.GetRackConfig"/>),
/// and again when called while it has none; one the facility does not run refuses telemetry and deactivates. It
/// stores only a flex event's cap. Racks are spread over the cluster's silos by key (<see cref="SpreadByKeyPlacement"/>),
/// and a rack moves itself to its home silo when silos join (<see cref="HomeSilo"/>): its open history minute is stored
/// on the way out, and its GPUs' next readings go to the new activation.
/// </para>
/// </summary>
[SpreadByKeyPlacement]
public sealed class RackGrain(
    [PersistentState("rack", StorageNames.Twin)] IPersistentState<RackState> state,
    TimeProvider time,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo) : Grain, IRackGrain
{
    /// <summary>Uplink traffic of a simulated rack at no load, as a fraction of its uplink capacity (control, telemetry).</summary>
    private const double IdleUplinkShare = 0.05;

    /// <summary>Uplink traffic a simulated rack adds at full load, as a fraction of its uplink capacity.</summary>
    private const double LoadUplinkShare = 0.5;
    private RackTelemetry? _telemetry;
    private RackSimulator? _simulator;
    private PhaseLockedTimer? _timer;
    private CoalescingFlush? _onArrival;
    private DateTimeOffset _lastFlushAt;
    private DateTimeOffset _lastArrivalFlushAt;
    private long _version;
    private RackSnapshot? _last;
    private PersistedHistory? _recent;
    private readonly ServingObservations _serving = new();
    private RackWorkloads? _workloads;
    private GpuFlow[] _flows = [];
    private string? _rackId;
    private HomeSilo? _home;
    private RackConfig? _config;
    private bool _historyLoaded;
    private Task? _marking;

    // Cached: every flush names the rack in its snapshot and reports, and the key's substring is a fresh string each time.
    private string RackId => _rackId ??= TwinKeys.LocalId(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Each rack stores its sealed minutes at a second of the minute of its own: 7,400 racks spread over it.
        _recent = new PersistedHistory(KpiTimelineShape.RecentRack(DeterministicNoise.Uniform(DeterministicNoise.SeedOf(RackId), 1, 0, 0)),
            ServiceProvider, this.GetGrainId());
        await AskForConfig();
    }

    /// <summary>
    /// Takes this rack's configuration from the facility, if it has none yet. False when the facility does not run
    /// this rack (or cannot answer now): the rack then refuses telemetry, and asks again when next called.
    /// </summary>
    private async Task<bool> AskForConfig()
    {
        if (_config is not null)
        {
            return true;
        }

        RackConfig? config;
        try
        {
            config = await GrainFactory.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(TwinKeys.FacilityOf(this.GetPrimaryKeyString()))).GetRackConfig(RackId);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return false;
        }

        if (config is null || _config is not null)
        {
            return _config is not null;
        }

        await Adopt(config);
        return true;
    }

    /// <summary>
    /// Runs on <paramref name="config"/>; the first time in this activation, reads back the recent history first if
    /// the rack has any stored. Its state record says so (<see cref="MarkHistoryStored"/>): a gigawatt's first start
    /// would otherwise read six empty history records for each of its 7,400 racks.
    /// </summary>
    private async Task Adopt(RackConfig config)
    {
        if (!_historyLoaded)
        {
            _historyLoaded = true;
            if (state.RecordExists)
            {
                await _recent!.Load(time.GetUtcNow());
            }
        }

        _config = config;
        Start(config);
    }

    /// <summary>Stores the recent history not yet stored: a graceful stop or an idle deactivation loses none of it.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_recent is not null)
        {
            await _recent.StoreOpen(time.GetUtcNow());
            if (_marking is { } marking)
            {
                await marking;
            }
            else if (_config is not null && !state.RecordExists && _recent.Storing)
            {
                await MarkHistoryStored();
            }
        }
    }

    public async Task Configure(RackConfig config)
    {
        // The configuration a rack just asked for may reach it again, pushed by the change that made it.
        if (_config is { } current && RackConfigs.Same(current, config))
        {
            return;
        }

        await Adopt(config);
    }

    public Task<IngestResult> Ingest(GpuSampleBatch samples) =>
        _telemetry is null ? IngestOnceConfigured(samples) : Task.FromResult(IngestNow(samples));

    /// <summary>Telemetry for a rack without configuration: asks the facility again (it may be starting) first.</summary>
    private async Task<IngestResult> IngestOnceConfigured(GpuSampleBatch samples)
    {
        if (await AskForConfig())
        {
            return IngestNow(samples);
        }

        // Made-up rack ids would otherwise each leave an activation behind for Orleans' collection age.
        DeactivateOnIdle();
        return new IngestResult(0, samples.Count, [new IngestError(0, $"rack '{RackId}' is not registered")]);
    }

    private IngestResult IngestNow(GpuSampleBatch samples)
    {
        var now = time.GetUtcNow();
        var result = _telemetry!.Ingest(samples, now, SampleLimits.Default);
        if (result.Accepted > 0 && _onArrival is { Pending: false } onArrival && _config is { } config)
        {
            var period = config.Timing.FlushPeriod;
            var gather = FlushSchedule.Share(period, FlushSchedule.RackGather);
            var spaced = _lastArrivalFlushAt + FlushSchedule.Share(period, FlushSchedule.RackSpacing) - now;
            onArrival.Request(spaced > gather ? spaced : gather);
        }

        return result;
    }

    public Task ObserveServing(ServingShare share)
    {
        _serving.Observe(share);
        return Task.CompletedTask;
    }

    public Task LabelGpus(int firstSlot, IReadOnlyList<GpuWorkload?> workloads)
    {
        _workloads?.Label(firstSlot, workloads);
        return Task.CompletedTask;
    }

    public Task ServeModel(IReadOnlyList<int> slots, string model)
    {
        _workloads?.Serve(slots, model);
        return Task.CompletedTask;
    }

    public Task<RackSnapshot?> GetSnapshot() => Task.FromResult(_last);

    public Task<RackDetail?> GetDetail()
    {
        if (_config is not { } config || _telemetry is null)
        {
            return Task.FromResult<RackDetail?>(null);
        }

        var now = time.GetUtcNow();
        var gpus = Enumerable.Range(0, _telemetry.Gpus).Select(g => _telemetry.Gpu(RackId, g, now, config.Timing.StaleAfter, Cap?.WattsPerGpu)).ToList();
        return Task.FromResult<RackDetail?>(new RackDetail(config.Spec, _last ?? Measure(config, now), gpus, _recent?.Timeline.Recent() ?? [], config.Links));
    }

    public Task<GpuStatus?> GetGpu(int index)
    {
        if (_config is not { } config || _telemetry is null || index < 0 || index >= _telemetry.Gpus)
        {
            return Task.FromResult<GpuStatus?>(null);
        }

        return Task.FromResult<GpuStatus?>(_telemetry.Gpu(RackId, index, time.GetUtcNow(), config.Timing.StaleAfter, Cap?.WattsPerGpu));
    }

    public async Task Remove()
    {
        _timer?.Dispose();
        _timer = null;
        _onArrival?.Dispose();
        _onArrival = null;
        if (_config is { } config)
        {
            var facility = config.FacilityId;
            await GrainFactory.Reference<IHallGrain>(TwinKeys.Hall(facility, config.Spec.Hall)).ForgetRack(RackId);
            foreach (var node in Cords(config.Spec))
            {
                await GrainFactory.Reference<IPowerNodeGrain>(TwinKeys.PowerNode(facility, node)).ForgetSource(RackId);
            }

            foreach (var host in config.Spec.Source.Hosts ?? [])
            {
                await GrainFactory.Reference<IHostGrain>(TwinKeys.Host(facility, host.Hostname)).Release(RackId);
            }
        }

        if (_marking is { } marking)
        {
            await marking;
        }

        await state.ClearStateAsync();
        _config = null;
        _telemetry = null;
        _simulator = null;
        _last = null;
        DeactivateOnIdle();
    }

    /// <summary>Wakes the rack (a start, or a hall missing its reports); one still without configuration asks again.</summary>
    public Task Ping() => _config is null ? AskForConfig() : Task.CompletedTask;

    /// <summary>
    /// Stored in the rack's state, so that a rack re-activated after a crash, an idle deactivation or a move to
    /// another silo is still capped for as long as its flex event runs (the event lifts it when it ends).
    /// </summary>
    public async Task SetPowerCap(RackPowerCap? cap)
    {
        // Live racks are capped by the cluster's own agent (the recommended cap is published by the flex API); the
        // rack keeps the cap to read back what its GPUs enforce against it.
        if (Equals(state.State.Cap, cap))
        {
            return;
        }

        if (_marking is { } marking)
        {
            await marking;
        }

        state.State.Cap = cap;
        if (_simulator is not null)
        {
            _simulator.PowerCap = cap;
        }

        await state.WriteStateAsync();
    }

    private void Start(RackConfig config)
    {
        var simulator = config.Spec.Source.Kind == TelemetrySourceKinds.Simulated
            ? new RackSimulator(config.Profile, config.Spec.Source.Load, config.Spec.Source.Seed ?? DeterministicNoise.SeedOf(RackId), RackId)
            : null;
        if (_telemetry is null || _telemetry.Gpus != config.Profile.Gpus || (_simulator is null) != (simulator is null))
        {
            _telemetry = new RackTelemetry(config.Profile, simulator is null ? null : simulator.UuidOf);
        }

        _simulator = simulator;
        if (simulator is not null)
        {
            simulator.PowerCap = Cap; // a flex event's cap outlives a change of configuration, a move and a restart
        }

        if (_workloads is null || _workloads.Gpus != config.Profile.Gpus)
        {
            _workloads = new RackWorkloads(config.Profile.Gpus);
            _flows = new GpuFlow[config.Profile.Gpus];
        }

        // A simulated rack serves its facility file's model on every GPU; a live rack's servers name theirs.
        _workloads.SimulatedModel = simulator is null ? null : config.Spec.Workload?.Model ?? RackProfiles.DefaultModel;

        // Resolved once per configuration, not per flush: a reference costs key strings and a type lookup to build.
        _hall = GrainFactory.Reference<IHallGrain>(TwinKeys.Hall(config.FacilityId, config.Spec.Hall));
        _phase = FlushSchedule.RackPhase(RackId);
        _timer?.Dispose();
        _timer = new PhaseLockedTimer(this, FlushOnPeriod, time, config.Timing.FlushPeriod, _phase);
        _onArrival?.Dispose();
        _onArrival = simulator is null ? new CoalescingFlush(this, FlushOnArrival) : null;
    }

    /// <summary>
    /// The period timer: a simulated rack's tick, and a live rack's report when no telemetry made it flush in the last
    /// period (a silent rack must still report, or its hall would not see it turn stale).
    /// </summary>
    private Task FlushOnPeriod(CancellationToken cancellationToken)
    {
        _home ??= new HomeSilo(membership, localSilo, this.GetPrimaryKeyString());
        if (_home.Elsewhere(time.GetUtcNow()) is { } home)
        {
            MoveTo(home);
        }

        if (_simulator is null && _config is { } config && time.GetUtcNow() - _lastFlushAt < config.Timing.FlushPeriod)
        {
            return Task.CompletedTask;
        }

        return Flush(cancellationToken);
    }

    /// <summary>Moves this rack to <paramref name="silo"/> once the current call is done (the hint tells placement where).</summary>
    private void MoveTo(SiloAddress silo)
    {
        var previous = RequestContext.Get(IPlacementDirector.PlacementHintKey);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            this.MigrateOnIdle();
        }
        finally
        {
            if (previous is null)
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
            else
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, previous);
            }
        }
    }

    private void FlushOnArrival()
    {
        _lastArrivalFlushAt = time.GetUtcNow();
        _ = Flush(CancellationToken.None);
    }

    private double _phase;
    private IHallGrain? _hall;

    // The flex event's cap on this rack's GPUs, while one runs.
    private RackPowerCap? Cap => state.State.Cap;

    private Task Flush(CancellationToken cancellationToken)
    {
        if (_config is not { } config || _telemetry is null)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        _lastFlushAt = now;
        if (_simulator is not null)
        {
            // Ticks land on whole flush periods so a seed replays the same telemetry whatever the timer's jitter.
            var period = config.Timing.FlushPeriod.Ticks;
            var tick = new DateTimeOffset(now.UtcTicks / period * period, TimeSpan.Zero);
            _simulator.Tick(tick, _telemetry);
        }

        var snapshot = Measure(config, now);
        _last = snapshot;
        _recent?.Add(new KpiPoint(now, snapshot.TokensPerSecond, snapshot.ItPowerKw,
            TokenEconomics.TokensPerSecondPerMegawatt(snapshot.TokensPerSecond, snapshot.ItPowerKw), null));
        if (!state.RecordExists && _marking is null && _recent is { Storing: true })
        {
            _marking = MarkHistoryStored();
        }

        // One message a period: the hall forwards the cord loads in the snapshot to the power nodes, batched per node.
        _ = _hall!.ReportRack(snapshot);
        if (!snapshot.Stale)
        {
            _lastPoweredKw = snapshot.ItPowerKw;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes the rack's state record once its history starts to be stored (a minute or so after it first runs, or as
    /// it deactivates), so a later activation knows there is history to read back. Awaited by the rack's other writes
    /// of the same record.
    /// </summary>
    private async Task MarkHistoryStored()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Tried again at a later flush; until then a re-activation does without the history.
            _marking = null;
        }
    }

    // A rack that stops reporting still draws power: its nodes keep its last known load rather than assume it freed.
    private double _lastPoweredKw;

    private RackSnapshot Measure(RackConfig config, DateTimeOffset now)
    {
        var totals = _telemetry!.Totals(now, config.Timing.StaleAfter);
        _version = Math.Max(_version + 1, now.UtcTicks);
        var profile = config.Profile;
        var uplink = _simulator is not null ? profile.UplinkGbps * (IdleUplinkShare + LoadUplinkShare * _simulator.LastLevel) : 0;
        var stale = totals.GpusReporting == 0;
        var (capBinding, capNotApplied) = _telemetry.CapReadback(now, config.Timing.StaleAfter, Cap?.WattsPerGpu);
        var (a, b) = CordSplit.Split(stale ? _lastPoweredKw : totals.ItPowerKw, config.Spec.PowerB is not null);
        _telemetry.Flows(now, config.Timing.StaleAfter, _flows);
        var (tenants, models) = WorkloadRollup.Split(_flows, _workloads!, totals.ItPowerKw);
        return new RackSnapshot(
            RackId,
            config.Spec.Hall,
            config.Spec.RackType,
            profile.Gpu,
            _version,
            now,
            profile.Gpus,
            totals.GpusReporting,
            totals.TokensPerSecond,
            totals.OutputTokensPerSecond,
            totals.GpuPowerKw,
            totals.ItPowerKw,
            profile.Gpus * profile.AllInKwPerGpu,
            totals.Utilization,
            totals.MaxTemperatureC,
            uplink,
            config.Spec.Source.Kind,
            config.Spec.Virtual,
            stale,
            config.Spec.Row,
            config.Spec.Position,
            new CordLoads(config.Spec.PowerA, a.LoadKw, a.LoadIfPartnerLostKw, config.Spec.PowerB, b.LoadKw, b.LoadIfPartnerLostKw),
            _serving.Running(now, config.Timing.StaleAfter),
            totals.OldestSampleMs is { } oldest ? DateTimeOffset.FromUnixTimeMilliseconds(oldest) : null,
            capBinding,
            capNotApplied,
            tenants,
            models);
    }

    private static IEnumerable<string> Cords(RackSpec spec) =>
        spec.PowerB is null ? [spec.PowerA] : [spec.PowerA, spec.PowerB];
}
