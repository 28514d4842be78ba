using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Flex;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Flex;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.Grains.Flex;

/// <summary>
/// One live flex event per facility. Starting plans it with <see cref="FlexPlanner"/> over the racks' latest figures
/// (the same plan a scenario's flexEvent gives), then tells each capped rack its cap in one one-way call; simulated racks
/// follow it, live racks get it published for their own agent. Reading it compares the facility's measured power and
/// tokens/s with the figures just before the event; it ends when asked or when its hours are up, lifting every cap.
/// </summary>
public sealed class FlexGrain(
    [PersistentState("flex", StorageNames.Twin)] IPersistentState<FlexState> state,
    TwinCatalog catalog,
    TimeProvider time) : Grain, IFlexGrain
{
    private string FacilityId => TwinKeys.FacilityOf(this.GetPrimaryKeyString());

    private IFacilityKpiGrain Facility => GrainFactory.Reference<IFacilityKpiGrain>(TwinKeys.Facility(FacilityId));

    private IFacilityTopologyGrain Topology => GrainFactory.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(FacilityId));

    public async Task<FlexStartResult> Start(FlexEventChange request)
    {
        await EndIfOver();
        if (state.State.Request is not null)
        {
            return new FlexStartResult(null, [new("flex", "an event is already running; DELETE /api/flex ends it")], Conflict: true);
        }

        var problems = new List<ChangeProblem>();
        PowerCapChanges.CheckFlexEvent(problems, request, catalog);
        if (problems.Count > 0)
        {
            return new FlexStartResult(null, problems);
        }

        if (await Topology.GetTopology() is not { } topology)
        {
            return new FlexStartResult(null, [new("facility", "the twin has no facility yet")]);
        }

        var racks = await Facility.GetRacks();
        var kpis = await Facility.GetKpis();
        var now = time.GetUtcNow();
        var model = PlanBuilder.FromBaseline(new ScenarioBaseline(now, topology, racks), catalog);
        var plan = FlexPlanner.Plan(model, request, catalog);

        var sources = topology.Racks.ToDictionary(r => r.Id, r => r.Source?.Kind, StringComparer.Ordinal);
        state.State = new FlexState
        {
            Request = request,
            StartedAt = now,
            BaselineFacilityPowerKw = kpis.FacilityPowerKw,
            BaselineTokensPerSecond = kpis.TokensPerSecond,
            Plan = plan,
            Caps = plan.Racks.ToDictionary(r => r.Rack, r => new RackPowerCap(r.CapWPerGpu, r.TokensPerSecondBefore > 0 ? r.TokensPerSecondAfter / r.TokensPerSecondBefore : 1)),
            LiveRacks = plan.Racks.Where(r => sources.GetValueOrDefault(r.Rack) == TelemetrySourceKinds.Live).Select(r => r.Rack).ToList(),
        };
        await state.WriteStateAsync();
        foreach (var (rack, cap) in state.State.Caps)
        {
            await Rack(rack).SetPowerCap(cap);
        }

        return new FlexStartResult(await Status(), []);
    }

    public async Task<FlexStatus?> Get()
    {
        await EndIfOver();
        return state.State.Request is null ? null : await Status();
    }

    public async Task<bool> Stop()
    {
        if (state.State.Request is null)
        {
            return false;
        }

        foreach (var rack in state.State.Caps.Keys)
        {
            await Rack(rack).SetPowerCap(null);
        }

        state.State = new FlexState();
        await state.WriteStateAsync();
        return true;
    }

    private async Task EndIfOver()
    {
        if (state.State.Request is { } request && time.GetUtcNow() >= state.State.StartedAt.AddHours(request.Hours))
        {
            await Stop();
        }
    }

    private async Task<FlexStatus> Status()
    {
        var s = state.State;
        var kpis = await Facility.GetKpis();
        return new FlexStatus(s.Request!, s.StartedAt, s.StartedAt.AddHours(s.Request!.Hours), s.BaselineFacilityPowerKw, s.BaselineTokensPerSecond,
            s.Plan!.TargetFacilityKw, kpis.FacilityPowerKw, kpis.TokensPerSecond, Math.Max(0, s.BaselineTokensPerSecond - kpis.TokensPerSecond),
            s.Plan, s.LiveRacks);
    }

    private IRackGrain Rack(string rack) => GrainFactory.Reference<IRackGrain>(TwinKeys.Rack(FacilityId, rack));
}
