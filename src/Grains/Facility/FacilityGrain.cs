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
using TokenFactoryTwin.Domain.Timing;
using TokenFactoryTwin.Grains.Aggregation;
using TokenFactoryTwin.Grains.Network;

namespace TokenFactoryTwin.Grains.Facility;

/// <summary>
/// The top of the staged aggregation. Keeps its halls' newest snapshots and its power nodes' newest statuses,
/// derives hall and facility KPIs from them once per period, and keeps an hour of history for charts. Reads never
/// walk the graph: they return what the grain already holds (racks come from the halls, which hold them).
/// </summary>
public sealed class FacilityGrain(
    [PersistentState("facility", StorageNames.Twin)] IPersistentState<FacilityState> state,
    TwinCatalog catalog,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<FacilityGrain> logger) : Grain, IFacilityGrain
{
    private const int HistoryPoints = 3600;

    /// <summary>Child calls outstanding at once while configuring (see <see cref="BoundedFanOut"/>).</summary>
    private const int ConfigureWindow = 256;
    private readonly ChildSnapshots<HallSnapshot> _halls = new(s => s.Version);
    private readonly ChildSnapshots<PowerNodeStatus> _power = new(s => s.Version);
    private readonly KpiHistory _history = new(HistoryPoints);
    private PhaseLockedTimer? _timer;
    private TwinKpis? _kpis;
    private IReadOnlyList<TwinKpis> _hallKpis = [];
    private (double Kw, DateTimeOffset At)? _metered;
    private FacilitySpec? _effective;
    private Dictionary<string, HostAssignment>? _hosts;
    private Dictionary<string, NetworkLinkSpec>? _links;

    /// <summary>How long a facility meter's reading stands for the facility's power: meters are scraped every 15–60 s.</summary>
    private static readonly TimeSpan MeterFreshFor = TimeSpan.FromMinutes(2);

    private string FacilityId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Recompose();
        if (state.State.Timing is { } timing)
        {
            StartTimer(timing);
            _ = CatchUpWithHalls();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// After a (re-)activation — on another silo when this one's died — read the halls' latest snapshots at once
    /// rather than wait a period for their next pushes, so the facility is whole again a flush sooner.
    /// </summary>
    private async Task CatchUpWithHalls()
    {
        try
        {
            if (Effective() is not { } spec)
            {
                return;
            }

            var snapshots = await Task.WhenAll(spec.Halls.Select(h => GrainFactory.GetGrain<IHallGrain>(TwinKeys.Hall(FacilityId, h.Id)).GetSnapshot()));
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
        var before = Effective();
        var started = Stopwatch.GetTimestamp();
        state.State.Declared = declared;
        state.State.Timing = timing;
        await state.WriteStateAsync();
        Recompose();
        _hosts = null;
        _links = null;
        await ConfigureChildren(before);
        StartTimer(timing);
        var spec = Effective()!;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            FacilityLog.Configured(logger, FacilityId, spec.Halls.Count, spec.PowerNodes.Count, spec.Links.Count, spec.Racks.Count, seconds);
        }
    }

    public async Task<TwinCommandResult> RegisterRacks(IReadOnlyList<RackSpec> racks)
    {
        if (Effective() is not { } spec || state.State.Timing is null)
        {
            return TwinCommandResult.Invalid(["the facility is not started yet"]);
        }

        var existing = spec.Racks.Select(r => r.Id).ToHashSet();
        var clash = racks.Select(r => r.Id).FirstOrDefault(existing.Contains)
            ?? racks.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
        if (clash is not null)
        {
            return TwinCommandResult.Clash($"rack '{clash}' exists already");
        }

        // A host feeds one rack: its GPUs cannot sit in two racks' slots.
        var hosts = Hosts();
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rack in racks)
        {
            foreach (var host in rack.Source?.Hosts ?? [])
            {
                if (host.Hostname is null)
                {
                    continue;
                }

                var owner = hosts.TryGetValue(host.Hostname, out var held) ? held.RackId : claimed.GetValueOrDefault(host.Hostname);
                if (owner is not null && owner != rack.Id)
                {
                    return TwinCommandResult.Clash($"host '{host.Hostname}' already belongs to rack '{owner}'");
                }

                claimed[host.Hostname] = rack.Id;
            }
        }

        var candidate = spec with { Racks = [.. spec.Racks, .. racks] };
        var problems = racks.SelectMany(r => FacilityValidator.ValidateRack(r, candidate, catalog)).ToList();
        var taken = spec.Racks.Select(r => (r.Hall, r.Row, r.Position)).ToHashSet();
        problems.AddRange(racks.Where(r => !taken.Add((r.Hall, r.Row, r.Position)))
            .Select(r => $"rack '{r.Id}': hall '{r.Hall}' row {r.Row} position {r.Position} is already taken"));
        if (problems.Count > 0)
        {
            return TwinCommandResult.Invalid(problems);
        }

        state.State.Registered.AddRange(racks);
        await state.WriteStateAsync();
        Recompose();
        foreach (var (host, assignment) in racks.SelectMany(r => HostAssignments.Of(FacilityId, r)))
        {
            _hosts?.TryAdd(host, assignment);
        }

        await ConfigureChildren(spec, racks.ToList());

        // Registered hosts are no longer unknown: take them off the operators' list now, not at their next scrape.
        var discovery = GrainFactory.GetGrain<IDiscoveryGrain>(TwinKeys.Discovery(FacilityId));
        await Task.WhenAll(claimed.Keys.Select(discovery.Forget));
        return TwinCommandResult.Ok;
    }

    public async Task<TwinCommandResult> RemoveRack(string rackId)
    {
        if (state.State.Registered.FindIndex(r => r.Id == rackId) is var index and >= 0)
        {
            var before = Effective();
            var rack = state.State.Registered[index];
            state.State.Registered.RemoveAt(index);
            await state.WriteStateAsync();
            Recompose();
            foreach (var (host, _) in HostAssignments.Of(FacilityId, rack))
            {
                if (_hosts?.GetValueOrDefault(host)?.RackId == rack.Id)
                {
                    _hosts.Remove(host);
                }
            }

            await ConfigureChildren(before, []);
            return TwinCommandResult.Ok;
        }

        return state.State.Declared?.Racks.Any(r => r.Id == rackId) == true
            ? TwinCommandResult.Clash($"rack '{rackId}' is declared in the facility file; remove it there")
            : TwinCommandResult.Invalid([$"no rack '{rackId}' was registered"]);
    }

    public Task<FacilitySpec?> GetTopology() => Task.FromResult(Effective());

    public Task<HostAssignment?> FindHost(string hostname) =>
        Task.FromResult<HostAssignment?>(Hosts().GetValueOrDefault(hostname));

    public Task<NetworkLinkSpec?> FindLink(string linkId)
    {
        _links ??= Effective()?.Links.ToDictionary(l => l.Id, StringComparer.Ordinal) ?? new Dictionary<string, NetworkLinkSpec>(StringComparer.Ordinal);
        return Task.FromResult(_links.GetValueOrDefault(linkId));
    }

    /// <summary>
    /// Built on first use after a start (a start needs none, and most hosts may never ask), then kept up to date by
    /// registrations and removals: rebuilding it for each of a thousand registrations would cost a thousand builds.
    /// </summary>
    private Dictionary<string, HostAssignment> Hosts() =>
        _hosts ??= Effective() is { } spec ? HostAssignments.Index(spec) : new Dictionary<string, HostAssignment>(StringComparer.Ordinal);

    public Task<TwinKpis> GetKpis() => Task.FromResult(_kpis ?? Compute(time.GetUtcNow()).Facility);

    public Task<IReadOnlyList<TwinKpis>> GetHalls() => Task.FromResult(_kpis is null ? Compute(time.GetUtcNow()).Halls : _hallKpis);

    public async Task<IReadOnlyList<RackSnapshot>> GetRacks()
    {
        if (Effective() is not { } spec)
        {
            return [];
        }

        var perHall = await Task.WhenAll(spec.Halls.Select(h => GrainFactory.GetGrain<IHallGrain>(TwinKeys.Hall(FacilityId, h.Id)).GetRacks()));
        return perHall.SelectMany(r => r).ToList();
    }

    public Task<IReadOnlyList<PowerNodeStatus>> GetPower()
    {
        if (Effective() is not { } spec || state.State.Timing is not { } timing)
        {
            return Task.FromResult<IReadOnlyList<PowerNodeStatus>>([]);
        }

        var now = time.GetUtcNow();
        var statuses = spec.PowerNodes.Select(node => _power.Get(node.Id) ?? PowerNodeStatus.Unloaded(node, now)).ToList();
        return Task.FromResult<IReadOnlyList<PowerNodeStatus>>(statuses);
    }

    public async Task<IReadOnlyList<NetworkLinkStatus>> GetLinks()
    {
        if (Effective() is not { } spec)
        {
            return [];
        }

        var racks = (await GetRacks()).ToDictionary(r => r.RackId);
        var capacityByRack = spec.Links.GroupBy(l => l.Rack).ToDictionary(g => g.Key, g => g.Sum(l => l.CapacityGbps * l.Count));
        return spec.Links.Select(l => LinkStatuses.From(l, racks.GetValueOrDefault(l.Rack), capacityByRack[l.Rack])).ToList();
    }

    public Task<IReadOnlyList<KpiPoint>> GetHistory() => Task.FromResult(_history.ToList());

    public Task<string> GetHostingSilo() => Task.FromResult(silo.SiloAddress.ToString());

    public Task ReportHall(HallSnapshot snapshot)
    {
        _halls.Offer(snapshot.HallId, snapshot, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task ReportFacilityMeter(double powerKw, DateTimeOffset at)
    {
        if (_metered is not { } held || at > held.At)
        {
            _metered = (powerKw, at);
        }

        return Task.CompletedTask;
    }

    public Task ReportPowerNode(PowerNodeStatus status)
    {
        _power.Offer(status.Id, status, time.GetUtcNow());
        return Task.CompletedTask;
    }

    private FacilitySpec? Effective() => _effective;

    /// <summary>
    /// The topology the twin runs: the declared one plus the registered racks it does not declare. Built when either
    /// changes rather than on every read and every flush (it copies every rack).
    /// </summary>
    private void Recompose()
    {
        if (state.State.Declared is not { } declared)
        {
            _effective = null;
            return;
        }

        var declaredIds = declared.Racks.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        _effective = declared with { Racks = [.. declared.Racks, .. state.State.Registered.Where(r => !declaredIds.Contains(r.Id))] };
    }

    /// <param name="before">The topology before the change, to find racks that left it.</param>
    /// <param name="racks">The racks to (re)configure; all of them, with every hall and power node, when null (at start).</param>
    private async Task ConfigureChildren(FacilitySpec? before, IReadOnlyCollection<RackSpec>? racks = null)
    {
        var spec = Effective()!;
        var timing = state.State.Timing!;
        var facility = FacilityId;
        await GrainFactory.GetGrain<ITwinDirectoryGrain>(ITwinDirectoryGrain.Key).Register(facility);
        var removed = before?.Racks.Select(r => r.Id).Except(spec.Racks.Select(r => r.Id)).ToList() ?? [];

        // A registration or removal changes its racks' halls only: power nodes are the file's, configured at start.
        // Links and hosts are not configured at all: they read their part of the topology when first used.
        var changedHalls = racks is null
            ? null
            : racks.Select(r => r.Hall).Concat(before?.Racks.Where(r => removed.Contains(r.Id)).Select(r => r.Hall) ?? []).ToHashSet();
        if (racks is null)
        {
            await BoundedFanOut.Run(spec.PowerNodes, ConfigureWindow, n => GrainFactory.GetGrain<IPowerNodeGrain>(TwinKeys.PowerNode(facility, n.Id)).Configure(facility, n, timing));
        }

        var linksByRack = spec.Links.ToLookup(l => l.Rack);
        await BoundedFanOut.Run(racks ?? spec.Racks, ConfigureWindow, r => GrainFactory.GetGrain<IRackGrain>(TwinKeys.Rack(facility, r.Id))
            .Configure(new RackConfig(facility, r, RackProfiles.Resolve(r, catalog), timing, linksByRack[r.Id].Select(l => l.Id).ToList())));

        // Halls after their racks: a hall pings every rack it has not heard from, which would wake racks not yet configured.
        var racksByHall = spec.Racks.ToLookup(r => r.Hall);
        await BoundedFanOut.Run(spec.Halls.Where(h => changedHalls?.Contains(h.Id) ?? true), ConfigureWindow, h => GrainFactory.GetGrain<IHallGrain>(TwinKeys.Hall(facility, h.Id))
            .Configure(facility, h, racksByHall[h.Id].Select(r => r.Id).ToList(), timing));

        // Racks the facility file no longer declares are taken out of the twin.
        await BoundedFanOut.Run(removed, ConfigureWindow, id => GrainFactory.GetGrain<IRackGrain>(TwinKeys.Rack(facility, id)).Remove());
        _halls.RetainOnly(spec.Halls.Select(h => h.Id).ToList());
        _power.RetainOnly(spec.PowerNodes.Select(n => n.Id).ToList());
    }

    private void StartTimer(TwinTiming timing)
    {
        _timer?.Dispose();
        _timer = new PhaseLockedTimer(this, Flush, time, timing.FlushPeriod, FlushSchedule.FacilityPhase);
    }

    private Task Flush(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (facility, halls) = Compute(now);
        _kpis = facility;
        _hallKpis = halls;
        _history.Add(new KpiPoint(now, facility.TokensPerSecond, facility.FacilityPowerKw, facility.TokensPerSecondPerMegawatt, facility.CostPerMillionTokensUsd));
        return Task.CompletedTask;
    }

    private (TwinKpis Facility, IReadOnlyList<TwinKpis> Halls) Compute(DateTimeOffset now)
    {
        var spec = Effective();
        var timing = state.State.Timing ?? TwinTiming.Default;
        var cost = new CostModel(spec?.CostModel ?? new CostModelSpec(), catalog);
        var halls = spec?.Halls ?? [];
        var snapshots = halls.Select(h => (Spec: h, Snapshot: _halls.Get(h.Id), Stale: _halls.IsStale(h.Id, now, timing.StaleAfter))).ToList();
        var facilityTotals = KpiTotalsMath.Sum(snapshots.Select(s => s.Snapshot?.Totals ?? KpiTotals.Zero));
        var hallKpis = snapshots.Select(s =>
        {
            var totals = s.Snapshot?.Totals ?? KpiTotals.Zero;
            var opexShare = facilityTotals.ProvisionedPowerKw > 0 ? totals.ProvisionedPowerKw / facilityTotals.ProvisionedPowerKw : 0;
            return KpiCalculator.Derive(s.Spec.Id, s.Spec.Name, s.Snapshot?.AsOf ?? now, totals, cost.CostPerHourUsd(totals, opexShare), s.Spec.Pue, s.Stale);
        }).ToList();
        var facilityPue = halls.Count > 0 ? halls.Average(h => h.Pue) : 1;
        // A facility meter, where one reports, is the measured facility power: PUE is then measured, not assumed.
        var source = PowerSources.Model;
        if (_metered is { } metered && now - metered.At <= MeterFreshFor)
        {
            facilityTotals = facilityTotals with { FacilityPowerKw = metered.Kw };
            source = PowerSources.Meter;
        }

        var kpis = KpiCalculator.Derive(FacilityId, spec?.Name ?? FacilityId, now, facilityTotals, cost.CostPerHourUsd(facilityTotals),
            facilityPue, snapshots.Count == 0 || snapshots.Any(s => s.Stale), source);
        return (kpis, hallKpis);
    }
}
