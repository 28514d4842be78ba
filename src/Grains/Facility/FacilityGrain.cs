using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Domain.Kpis;
using TokenFactoryTwin.Domain.Kpis.History;
using TokenFactoryTwin.Domain.Timing;
using TokenFactoryTwin.Domain.Workloads;
using TokenFactoryTwin.Grains.Aggregation;

namespace TokenFactoryTwin.Grains.Facility;

/// <summary>
/// The facility, with two faces on one activation. Its topology face (<see cref="IFacilityTopologyGrain"/>) holds the
/// topology and configures the children from it (<see cref="FacilityChildren"/>), checking registrations with
/// <see cref="RackRegistrationChecks"/>. Its KPI face (<see cref="IFacilityKpiGrain"/>) is the top of the staged
/// aggregation: it keeps its halls' newest snapshots and its power nodes' newest statuses, derives hall and facility
/// KPIs from them (<see cref="FacilityKpiCalculator"/>) as halls report — at once when every hall has reported since
/// the last time, else at most <see cref="FlushSchedule.FacilityGather"/> after the first — and once per period by
/// the clock, when it also adds a point to its history for charts: an hour at one point a flush and a day at one a
/// minute, stored as it goes (<see cref="PersistedHistory"/>) so a fault leaves a gap, not an empty chart.
/// Reads never walk the graph: they return what the grain already holds (racks come from the halls, which hold them).
/// </summary>
public sealed class FacilityGrain(
    [PersistentState("facility", StorageNames.Twin)] IPersistentState<FacilityState> state,
    TwinCatalog catalog,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<FacilityGrain> logger) : Grain, IFacilityTopologyGrain, IFacilityKpiGrain
{
    private readonly ChildSnapshots<HallSnapshot> _halls = new(s => s.Version);
    private readonly ChildSnapshots<PowerNodeStatus> _power = new(s => s.Version);
    private PersistedHistory? _history;
    private PhaseLockedTimer? _timer;
    private CoalescingFlush? _onReports;

    // Halls that reported since the KPIs were last derived: when every hall has, they need not wait for the deadline.
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private FacilityKpiSet? _kpis;
    private FacilityWorkloads? _workloads;
    private MeterReading? _metered;
    private readonly FacilityLookups _lookups = new();
    private FacilitySpec? _effective;

    /// <summary>A start is composing, storing or configuring the facility's children: it does not run yet (<see cref="IsRunning"/>).</summary>
    private bool _starting;

    private string FacilityId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _history = new PersistedHistory(KpiTimelineShape.HourAndDay, ServiceProvider, this.GetGrainId());
        await _history.Load(time.GetUtcNow());
        Recompose();
        if (state.State.Timing is { } timing)
        {
            StartTimer(timing);
            _ = CatchUpWithHalls();
        }
    }

    /// <summary>Stores the history not yet stored: a graceful stop or an idle deactivation loses none of it.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_history is not null)
        {
            await _history.StoreOpen(time.GetUtcNow());
        }
    }

    /// <summary>
    /// After a (re-)activation — on another silo when this one's died — read the halls' latest snapshots at once
    /// rather than wait a period for their next pushes, so the facility is whole again a flush sooner.
    /// </summary>
    private async Task CatchUpWithHalls()
    {
        try
        {
            if (_effective is not { } spec)
            {
                return;
            }

            var snapshots = await Task.WhenAll(spec.Halls.Select(h => Hall(h.Id).GetSnapshot()));
            foreach (var snapshot in snapshots.OfType<HallSnapshot>())
            {
                // Received "at" its own time: a snapshot older than the stale period stays stale.
                _halls.Offer(snapshot.HallId, snapshot, snapshot.AsOf);
            }

            await Flush(CancellationToken.None);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The next pushes bring the same figures a period later.
        }
    }

    public async Task Start(FacilitySpec declared, TwinTiming timing)
    {
        var before = _effective is { } previous && state.State.Timing is { } previousTiming ? new FacilityTopology(previous, previousTiming) : null;
        var started = Stopwatch.GetTimestamp();
        _starting = true;
        try
        {
            state.State.Declared = declared;
            state.State.Timing = timing;

            // Composed before the write: racks woken meanwhile ask for their configuration, and lookups interleave.
            Recompose(keepHosts: false);
            await state.WriteStateAsync();
            await ConfigureChildren(before, racks: null);
        }
        finally
        {
            _starting = false;
        }

        StartTimer(timing);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var spec = _effective!;
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            FacilityLog.Configured(logger, FacilityId, spec.Halls.Count, spec.PowerNodes.Count, spec.Links.Count, spec.Racks.Count, seconds);
        }
    }

    public async Task<TwinCommandResult> RegisterRacks(IReadOnlyList<RackSpec> racks)
    {
        if (_effective is not { } spec || state.State.Timing is null)
        {
            return TwinCommandResult.Invalid(["the facility is not started yet"]);
        }

        if (RackRegistrationChecks.Check(spec, _lookups.Hosts, racks, catalog) is { Succeeded: false } refused)
        {
            return refused;
        }

        state.State.Registered.AddRange(racks);
        await state.WriteStateAsync();
        Recompose();
        _lookups.Registered(racks);
        await ConfigureChildren(new FacilityTopology(spec, state.State.Timing), racks.ToList());

        // Registered hosts are no longer unknown: take them off the operators' list now, not at their next scrape.
        var discovery = GrainFactory.Reference<IDiscoveryGrain>(TwinKeys.Discovery(FacilityId));
        await Task.WhenAll(RackRegistrationChecks.HostsOf(racks).Select(discovery.Forget));
        return TwinCommandResult.Ok;
    }

    public async Task<TwinCommandResult> RemoveRack(string rackId)
    {
        if (state.State.Registered.FindIndex(r => r.Id == rackId) is var index and >= 0)
        {
            var before = new FacilityTopology(_effective!, state.State.Timing!);
            var rack = state.State.Registered[index];
            state.State.Registered.RemoveAt(index);
            await state.WriteStateAsync();
            Recompose();
            _lookups.Removed(rack);
            await ConfigureChildren(before, []);
            return TwinCommandResult.Ok;
        }

        return state.State.Declared?.Racks.Any(r => r.Id == rackId) == true
            ? TwinCommandResult.Clash($"rack '{rackId}' is declared in the facility file; remove it there")
            : TwinCommandResult.Invalid([$"no rack '{rackId}' was registered"]);
    }

    public Task<FacilitySpec?> GetTopology() => Task.FromResult(_effective);

    public Task<CarbonSpec?> GetCarbon() => Task.FromResult(_effective?.Carbon);

    public Task<bool> IsRunning() => Task.FromResult(_effective is not null && state.State.Timing is not null && !_starting);

    public Task<HostAssignment?> FindHost(string hostname) => Task.FromResult<HostAssignment?>(_lookups.Hosts.GetValueOrDefault(hostname));

    public Task<NetworkLinkSpec?> FindLink(string linkId) => Task.FromResult(_lookups.Link(linkId));

    public Task<RackConfig?> GetRackConfig(string rackId) =>
        Task.FromResult(state.State.Timing is { } timing ? _lookups.RackConfig(rackId, catalog, timing) : null);

    public Task<TwinKpis> GetKpis() => Task.FromResult(Kpis().Facility);

    public Task<IReadOnlyList<TwinKpis>> GetHalls() => Task.FromResult(Kpis().Halls);

    public Task<IReadOnlyList<RackSnapshot>> GetRacks() => GatherRacks();

    public Task<IReadOnlyList<PowerNodeStatus>> GetPower() => Task.FromResult<IReadOnlyList<PowerNodeStatus>>(Power());

    public async Task<IReadOnlyList<NetworkLinkStatus>> GetLinks() => _lookups.Links(await GatherRacks());

    public async Task<FacilityOverview> GetView()
    {
        var racks = await GatherRacks();
        var kpis = Kpis();
        return new FacilityOverview(kpis.Facility, kpis.Halls, racks, Power(), _lookups.Links(racks), Workloads());
    }

    public Task<FacilityWorkloads> GetWorkloads() => Task.FromResult(Workloads());

    public Task<IReadOnlyList<KpiPoint>> GetHistory() => Task.FromResult(_history?.Timeline.Recent() ?? []);

    public Task<IReadOnlyList<KpiPoint>> GetDayHistory() => Task.FromResult(_history?.Timeline.Day() ?? []);

    public Task<string> GetHostingSilo() => Task.FromResult(silo.SiloAddress.ToString());

    public Task ReportHall(HallSnapshot snapshot)
    {
        if (!_halls.Offer(snapshot.HallId, snapshot, time.GetUtcNow()) || _onReports is not { } onReports)
        {
            return Task.CompletedTask;
        }

        _reported.Add(snapshot.HallId);
        if (_reported.Count >= (_effective?.Halls.Count ?? 0))
        {
            onReports.RunNow();
        }
        else
        {
            onReports.Request(FlushSchedule.Share((state.State.Timing ?? TwinTiming.Default).FlushPeriod, FlushSchedule.FacilityGather));
        }

        return Task.CompletedTask;
    }

    public Task ReportFacilityMeter(double powerKw, DateTimeOffset at)
    {
        if (_metered is null || at > _metered.At)
        {
            _metered = new MeterReading(powerKw, at);
        }

        return Task.CompletedTask;
    }

    public Task ReportPowerTree(IReadOnlyList<PowerNodeStatus> statuses)
    {
        var now = time.GetUtcNow();
        foreach (var status in statuses)
        {
            _power.Offer(status.Id, status, now);
        }

        return Task.CompletedTask;
    }

    /// <summary>The tenant and model lines of the last flush; computed now before the first.</summary>
    private FacilityWorkloads Workloads()
    {
        if (_workloads is not null)
        {
            return _workloads;
        }

        var now = time.GetUtcNow();
        return FacilityWorkloadCalculator.Compute(now, HallReadings(now), Kpis(), _effective?.CostModel ?? new CostModelSpec());
    }

    /// <summary>The KPIs of the last flush; computed now before the first.</summary>
    private FacilityKpiSet Kpis() => _kpis ?? Compute(time.GetUtcNow());

    /// <summary>Every rack's newest snapshot, from the halls that hold them: one call per hall.</summary>
    private async Task<IReadOnlyList<RackSnapshot>> GatherRacks()
    {
        if (_effective is not { } spec)
        {
            return [];
        }

        var perHall = await Task.WhenAll(spec.Halls.Select(h => Hall(h.Id).GetRacks()));
        return perHall.SelectMany(r => r).ToList();
    }

    private List<PowerNodeStatus> Power()
    {
        if (_effective is not { } spec || state.State.Timing is null)
        {
            return [];
        }

        var now = time.GetUtcNow();
        return spec.PowerNodes.Select(node => _power.Get(node.Id) ?? PowerNodeStatus.Unloaded(node, now)).ToList();
    }

    private IHallGrain Hall(string hallId) => GrainFactory.Reference<IHallGrain>(TwinKeys.Hall(FacilityId, hallId));

    /// <summary>
    /// The topology the twin runs: the declared one plus the registered racks it does not declare. Built when either
    /// changes rather than on every read and every flush (it copies every rack); the lookups follow it.
    /// </summary>
    /// <param name="keepHosts">Whether the host index stays (a registration or removal updates it itself).</param>
    private void Recompose(bool keepHosts = true)
    {
        if (state.State.Declared is { } declared)
        {
            var declaredIds = declared.Racks.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            _effective = declared with { Racks = [.. declared.Racks, .. state.State.Registered.Where(r => !declaredIds.Contains(r.Id))] };
        }
        else
        {
            _effective = null;
        }

        _lookups.Reindex(_effective, keepHosts);
    }

    /// <param name="before">The topology before the change, to find racks that left it or changed.</param>
    /// <param name="racks">The racks to (re)configure; all of them when null (at start).</param>
    private async Task ConfigureChildren(FacilityTopology? before, IReadOnlyCollection<RackSpec>? racks)
    {
        var spec = _effective!;
        var timing = state.State.Timing!;
        await FacilityChildren.Configure(GrainFactory, catalog, FacilityId, new FacilityTopology(spec, timing), r => _lookups.RackConfig(r.Id, catalog, timing)!, before, racks);
        _halls.RetainOnly(spec.Halls.Select(h => h.Id).ToList());
        _power.RetainOnly(spec.PowerNodes.Select(n => n.Id).ToList());
    }

    private void StartTimer(TwinTiming timing)
    {
        _timer?.Dispose();
        _timer = new PhaseLockedTimer(this, Flush, time, timing.FlushPeriod, FlushSchedule.FacilityPhase);
        _onReports ??= new CoalescingFlush(this, Recompute);
    }

    private void Recompute()
    {
        _reported.Clear();
        var now = time.GetUtcNow();
        _kpis = Compute(now);
        _workloads = FacilityWorkloadCalculator.Compute(now, HallReadings(now), _kpis, _effective?.CostModel ?? new CostModelSpec());
    }

    private Task Flush(CancellationToken cancellationToken)
    {
        _onReports?.Cancel();
        Recompute();
        var now = _kpis!.Facility.AsOf;
        var facility = _kpis.Facility;
        _history?.Add(new KpiPoint(now, facility.TokensPerSecond, facility.FacilityPowerKw, facility.TokensPerSecondPerMegawatt, facility.CostPerMillionTokensUsd));
        return Task.CompletedTask;
    }

    private FacilityKpiSet Compute(DateTimeOffset now)
    {
        var spec = _effective;
        var halls = HallReadings(now);
        var cost = new CostModel(spec?.CostModel ?? new CostModelSpec(), catalog);
        return FacilityKpiCalculator.Compute(FacilityId, spec?.Name ?? FacilityId, now, halls, cost, _metered);
    }

    private List<HallReading> HallReadings(DateTimeOffset now)
    {
        var staleAfter = (state.State.Timing ?? TwinTiming.Default).StaleAfter;
        return (_effective?.Halls ?? []).Select(h => new HallReading(h, _halls.Get(h.Id), _halls.IsStale(h.Id, now, staleAfter))).ToList();
    }
}
