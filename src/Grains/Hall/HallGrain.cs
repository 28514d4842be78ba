using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Domain.Kpis;
using TokenFactoryTwin.Domain.Kpis.History;
using TokenFactoryTwin.Domain.Power;
using TokenFactoryTwin.Domain.Timing;
using TokenFactoryTwin.Domain.Workloads;
using TokenFactoryTwin.Grains.Aggregation;

namespace TokenFactoryTwin.Grains.Hall;

/// <summary>
/// A staging level between racks and the facility. Keeps the newest snapshot per rack, marks racks stale when they
/// fall silent (and wakes them, in case their silo was lost), and pushes its totals to the facility as racks report:
/// at once when every rack has reported since its last push, else at most <see cref="FlushSchedule.HallGather"/> after
/// the first report (one push for the many racks reporting in that window). Once per period, by the clock, it pushes
/// its totals again (a silent rack's staleness shows) and its racks' cord loads to their power nodes, one batch per
/// node (whichever hall the node serves).
/// Keeps its totals' history, an hour at one point a flush and a day at one a minute, stored as it goes
/// (<see cref="PersistedHistory"/>).
/// </summary>
public sealed class HallGrain(
    [PersistentState("hall", StorageNames.Twin)] IPersistentState<HallState> state,
    TimeProvider time) : Grain, IHallGrain
{
    private readonly ChildSnapshots<RackSnapshot> _racks = new(s => s.Version);
    private PhaseLockedTimer? _timer;
    private CoalescingFlush? _onReports;

    // Racks that reported since the last push: when every member has, the push need not wait for the deadline.
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private long _version;
    private HallSnapshot? _last;
    private IFacilityKpiGrain? _facility;
    private readonly CordLoadRouter _cords = new();
    private readonly Dictionary<string, IPowerNodeGrain> _powerNodes = new(StringComparer.Ordinal);
    private PersistedHistory? _history;

    // A batch lists every rack of the hall on its node, and the node drops any rack it omits: until a re-activated
    // hall has read its racks back, it sends none, and the nodes keep the loads they have.
    private bool _routing = true;

    // The persisted list keeps its order for storage; membership is checked on every rack report, so keep a set too.
    private HashSet<string> _members = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _history = new PersistedHistory(KpiTimelineShape.HourAndDay, ServiceProvider, this.GetGrainId());
        await _history.Load(time.GetUtcNow());
        _members = new HashSet<string>(state.State.RackIds, StringComparer.Ordinal);
        if (state.State.Timing is { } timing)
        {
            StartTimer(timing);
            _routing = false;
            _ = CatchUpThenRoute();
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

    private async Task CatchUpThenRoute()
    {
        try
        {
            await CatchUpWithRacks();
        }
        finally
        {
            _routing = true;
        }
    }

    /// <summary>
    /// After a (re-)activation, read every rack's latest snapshot at once: racks that lived on a lost silo are woken
    /// by the read (and so start flushing again) without waiting the stale period for the hall to ping them.
    /// </summary>
    private async Task CatchUpWithRacks()
    {
        if (state.State.FacilityId is not { } facility)
        {
            return;
        }

        await Task.WhenAll(state.State.RackIds.Select(async id =>
        {
            try
            {
                if (await GrainFactory.Reference<IRackGrain>(TwinKeys.Rack(facility, id)).GetSnapshot() is { } snapshot)
                {
                    // Received "at" its own time: a snapshot older than the stale period stays stale.
                    _racks.Offer(id, snapshot, snapshot.AsOf);
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The rack's next push, or the hall's ping of stale racks, brings it back.
            }
        }));
    }

    public async Task Configure(string facilityId, HallSpec spec, IReadOnlyList<string> rackIds, TwinTiming timing)
    {
        state.State.FacilityId = facilityId;
        state.State.Spec = spec;
        state.State.RackIds = [.. rackIds];
        state.State.Timing = timing;
        await state.WriteStateAsync();
        _members = new HashSet<string>(state.State.RackIds, StringComparer.Ordinal);
        _racks.RetainOnly(_members);
        _reported.Clear();
        StartTimer(timing);
    }

    public Task ReportRack(RackSnapshot snapshot)
    {
        if (!_members.Contains(snapshot.RackId) || !_racks.Offer(snapshot.RackId, snapshot, time.GetUtcNow()) || _onReports is not { } onReports)
        {
            return Task.CompletedTask;
        }

        _reported.Add(snapshot.RackId);
        if (_reported.Count >= _members.Count)
        {
            onReports.RunNow();
        }
        else
        {
            onReports.Request(FlushSchedule.Share(state.State.Timing!.FlushPeriod, FlushSchedule.HallGather));
        }

        return Task.CompletedTask;
    }

    public async Task ForgetRack(string rackId)
    {
        _racks.Forget(rackId);
        _members.Remove(rackId);
        _reported.Remove(rackId);
        if (state.State.RackIds.Remove(rackId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<RackSnapshot>> GetRacks()
    {
        if (state.State.Timing is not { } timing)
        {
            return Task.FromResult<IReadOnlyList<RackSnapshot>>([]);
        }

        var now = time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<RackSnapshot>>(Current(now, timing).OrderBy(r => r.Row).ThenBy(r => r.Position).ToList());
    }

    public Task<HallSnapshot?> GetSnapshot() => Task.FromResult(_last);

    public Task<IReadOnlyList<KpiPoint>> GetHistory() => Task.FromResult(_history?.Timeline.Recent() ?? []);

    public Task<IReadOnlyList<KpiPoint>> GetDayHistory() => Task.FromResult(_history?.Timeline.Day() ?? []);

    private void StartTimer(TwinTiming timing)
    {
        _timer?.Dispose();
        _timer = new PhaseLockedTimer(this, Flush, time, timing.FlushPeriod, FlushSchedule.HallPhase);
        _onReports ??= new CoalescingFlush(this, () => Publish());
    }

    /// <summary>Sums the racks' newest snapshots and pushes the totals to the facility.</summary>
    private bool Publish()
    {
        if (state.State is not { Spec: { } spec, Timing: { } timing, FacilityId: { } facility })
        {
            return false;
        }

        var now = time.GetUtcNow();
        _reported.Clear();
        var racks = Current(now, timing).ToList();
        var totals = KpiTotalsMath.FromRacks(racks, spec.Pue);
        _version = Math.Max(_version + 1, now.UtcTicks);
        // Small per-tenant and per-model totals, bounded, rather than every rack's lines: the facility merges halls.
        var tenants = WorkloadLines.MergeRacks(racks, r => r.Tenants);
        var models = WorkloadLines.MergeRacks(racks, r => r.Models);
        _last = new HallSnapshot(spec.Id, _version, now, spec.Pue, totals, tenants, models);
        _facility ??= GrainFactory.Reference<IFacilityKpiGrain>(TwinKeys.Facility(facility));
        _ = _facility.ReportHall(_last);
        return true;
    }

    private Task Flush(CancellationToken cancellationToken)
    {
        _onReports?.Cancel();
        if (!Publish() || state.State is not { Spec: { } spec, Timing: { } timing, FacilityId: { } facility })
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        // One history point a period, by the clock, from the totals just published.
        var totals = _last!.Totals;
        _history?.Add(new KpiPoint(now, totals.TokensPerSecond, totals.FacilityPowerKw,
            TokenEconomics.TokensPerSecondPerMegawatt(totals.TokensPerSecond, totals.FacilityPowerKw), null));
        RouteCordLoads(facility, spec.Id);

        // A rack silent past the stale period may have lost its silo; a call re-activates it, and its timer with it.
        foreach (var rackId in state.State.RackIds.Where(id => _racks.IsStale(id, now, timing.StaleAfter)))
        {
            _ = GrainFactory.Reference<IRackGrain>(TwinKeys.Rack(facility, rackId)).Ping();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Forwards the cord loads in the racks' snapshots to the power nodes, one batch per node: a rack sends one
    /// message a period, not one more per cord. At the flush rather than on each rack's report, which would be a
    /// message per rack cord again. Stale racks are listed with their last load: a silent rack still draws power, and
    /// the node sees it go silent by its version no longer advancing.
    /// </summary>
    private void RouteCordLoads(string facility, string hallId)
    {
        if (!_routing)
        {
            return;
        }

        foreach (var (node, loads) in _cords.Route(_racks.Latest))
        {
            if (!_powerNodes.TryGetValue(node, out var grain))
            {
                // Resolved once per node: a reference costs key strings and a type lookup to build.
                _powerNodes[node] = grain = GrainFactory.Reference<IPowerNodeGrain>(TwinKeys.PowerNode(facility, node));
            }

            _ = grain.ReportRackLoads(new RackLoadBatch(hallId, _version, loads));
        }
    }

    /// <summary>The newest snapshot of each rack, flagged stale where the hall has not heard from it in time.</summary>
    private IEnumerable<RackSnapshot> Current(DateTimeOffset now, TwinTiming timing) =>
        _racks.All(now, timing.StaleAfter).Select(r => r.Stale && !r.Snapshot.Stale ? r.Snapshot with { Stale = true } : r.Snapshot);
}
