using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Power;
using TokenFactoryTwin.Domain.Timing;
using TokenFactoryTwin.Grains.Aggregation;

namespace TokenFactoryTwin.Grains.Power;

/// <summary>
/// A node on the power path. Sums the newest load of each source (<see cref="PowerNodeSources"/>: rack cords, which
/// each hall forwards in one batch a period, and downstream nodes), and once per period pushes its own load upstream
/// with its branch's statuses (<see cref="PowerBranchStatuses"/>; a tree's root sends them to the facility). A silent
/// source keeps its last load: a rack that stops reporting still draws power, and headroom must not be overstated. It
/// flushes at its level's phase (<see cref="FlushSchedule.PowerPhaseAt"/>), learnt from its sources' reports, so a
/// figure passes up the whole tree within one period.
/// </summary>
public sealed class PowerNodeGrain(
    [PersistentState("power", StorageNames.Twin)] IPersistentState<PowerNodeState> state,
    TimeProvider time) : Grain, IPowerNodeGrain
{
    private readonly PowerNodeSources _sources = new();
    private readonly PowerBranchStatuses _branches = new();
    private PhaseLockedTimer? _timer;
    private long _version;
    private PowerNodeStatus? _last;

    // The node's height in the power tree, from its sources' reports, and the height its timer's phase was set for.
    private int _height = 1;
    private int _timerHeight;

    // Resolved on first use and dropped on reconfiguration (the upstream may change): building one per flush costs strings.
    private IPowerNodeGrain? _upstream;
    private IFacilityKpiGrain? _facility;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Timing is { } timing)
        {
            StartTimer(timing);
        }

        return Task.CompletedTask;
    }

    public async Task Configure(string facilityId, PowerNodeSpec spec, TwinTiming timing)
    {
        if (state.State.Spec == spec && state.State.FacilityId == facilityId && state.State.Timing == timing && _timer is not null)
        {
            return;
        }

        state.State.FacilityId = facilityId;
        state.State.Spec = spec;
        _upstream = null;
        _facility = null;
        state.State.Timing = timing;
        await state.WriteStateAsync();
        StartTimer(timing);
    }

    public Task ReportBranch(PowerBranchReport report)
    {
        _sources.Offer(report.Load, time.GetUtcNow());
        _branches.Offer(report);
        return Task.CompletedTask;
    }

    public Task ReportRackLoads(RackLoadBatch batch)
    {
        _sources.Offer(batch, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task ForgetSource(string sourceId)
    {
        _sources.Forget(sourceId);
        _branches.Forget(sourceId);
        return Task.CompletedTask;
    }

    public Task<PowerNodeStatus?> GetStatus() => Task.FromResult(_last ?? Measure());

    private void StartTimer(TwinTiming timing)
    {
        _timer?.Dispose();
        _timerHeight = _height;
        _timer = new PhaseLockedTimer(this, Flush, time, timing.FlushPeriod, FlushSchedule.PowerPhaseAt(_height));
    }

    private Task Flush(CancellationToken cancellationToken)
    {
        if (Measure() is not { } status || state.State.FacilityId is not { } facility)
        {
            return Task.CompletedTask;
        }

        _last = status;

        // The branch's statuses ride up with the load, and only the tree's root tells the facility: one message a
        // period per tree instead of one per node (at a gigawatt, 2 instead of 772).
        var branch = _branches.With(status);
        if (status.Upstream is { } upstream)
        {
            _upstream ??= GrainFactory.Reference<IPowerNodeGrain>(TwinKeys.PowerNode(facility, upstream));
            var load = new PowerLoadReport(status.Id, status.Version, status.LoadAsOf ?? status.AsOf, status.LoadKw, status.LoadIfPartnerLostKw, _height);
            _ = _upstream.ReportBranch(new PowerBranchReport(load, branch));
        }
        else
        {
            _facility ??= GrainFactory.Reference<IFacilityKpiGrain>(TwinKeys.Facility(facility));
            _ = _facility.ReportPowerTree(branch);
        }

        // The tree was built or changed below this node: flush at the new level's phase from the next period on.
        if (_height != _timerHeight && state.State.Timing is { } timing)
        {
            StartTimer(timing);
        }

        return Task.CompletedTask;
    }

    private PowerNodeStatus? Measure()
    {
        if (state.State is not { Spec: { } spec, Timing: { } timing })
        {
            return null;
        }

        var now = time.GetUtcNow();
        var sum = _sources.Sum(now, timing.StaleAfter);
        _height = sum.Height;
        _version = Math.Max(_version + 1, now.UtcTicks);
        return new PowerNodeStatus(
            spec.Id, spec.Name, spec.Kind.ToString(), spec.Side, spec.RatingKw, spec.DeratedKw, sum.LoadKw, spec.DeratedKw - sum.LoadKw,
            sum.LoadIfPartnerLostKw, spec.Upstream, sum.Sources, sum.StaleSources, _version, now, sum.LoadAsOf);
    }
}
