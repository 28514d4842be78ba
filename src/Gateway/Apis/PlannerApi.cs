using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Carbon;
using TokenFactoryTwin.Domain.Planning;
using TokenFactoryTwin.Gateway.Planner;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// The planner API: scenarios forked from the live twin, changes guarded by ETags, evaluations, side-by-side
/// comparison, the "how many racks fit?" sweep, and applying a plan's racks to the live twin as virtual racks.
/// </summary>
public static class PlannerApi
{
    /// <summary>A scenario's name is at most this long.</summary>
    private const int MaxNameLength = 200;

    /// <summary>Scenario ids read "s" and eight hex digits.</summary>
    private const int ScenarioIdLength = 9;

    /// <summary>A comparison takes at most this many scenarios.</summary>
    private const int MaxCompared = 10;

    /// <summary>What a sweep adds when the query names no rack type.</summary>
    private const string DefaultSweepRackType = "gb300-nvl72";

    /// <summary>How many racks a sweep adds at most when the query does not say.</summary>
    private const int DefaultSweepMaxRacks = 200;

    public static IEndpointRouteBuilder MapPlannerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/scenarios").WithTags("Planner");
        // Reads are open like the live view; every write needs the planner role when keys are on, and counts against
        // the key's rate limit.
        var writes = api.MapGroup("").RequireAuthorization(TwinRoles.PlannerPolicy).RequireRateLimiting(SecurityExtensions.WritePolicy);

        writes.MapPost("/", CreateScenario)
            .WithSummary("Forks the live twin (topology, every rack's current figures, settings) into a new scenario.");
        api.MapGet("/", ListScenarios)
            .WithSummary("The facility's scenarios.");
        api.MapGet("/compare", CompareScenarios)
            .WithSummary("Scenarios side by side: baseline, projected KPIs, delta and violations of each.");
        api.MapGet("/{id}", GetScenario)
            .WithSummary("A scenario: its changes, baseline and projected KPIs, delta, constraints and violations. ETag = version.");
        writes.MapDelete("/{id}", DeleteScenario)
            .WithSummary("Deletes a scenario (racks it applied stay in the live twin until unapplied).");
        api.MapGet("/{id}/changes", GetChanges)
            .WithSummary("The scenario's changes, in the order they apply.");
        writes.MapPost("/{id}/changes", AddChange)
            .WithSummary("Adds one change (a JSON object with a kind); needs If-Match. 400 names the field at fault; 412 when the ETag is stale.");
        api.MapGet("/{id}/changes/{n:int}", GetChange)
            .WithSummary("One change of the scenario.");
        writes.MapDelete("/{id}/changes/{n:int}", RemoveChange)
            .WithSummary("Removes a change and re-evaluates; needs If-Match. 409 when a later change builds on it.");
        api.MapGet("/{id}/fit", Fit)
            .WithSummary("How many racks fit: adds racks to a hall one by one until a constraint breaks (stopAt=any) or a power node does (stopAt=power); with capW or capPercent the added GPUs are capped and the uncapped sweep comes beside it.");
        writes.MapPost("/{id}/apply", Apply)
            .WithSummary("Adds the scenario's planned racks to the live twin as virtual, simulated racks.");
        writes.MapDelete("/{id}/apply", Unapply)
            .WithSummary("Takes the racks an apply added out of the live twin again.");

        return app;
    }

    private static Task<IResult> CreateScenario(CreateScenarioRequest? body, TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
        {
            var name = body?.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            {
                return ScenarioHttp.Problems([new("name", $"is required (1 to {MaxNameLength} characters)")], title: "Invalid scenario");
            }

            var id = $"s{Guid.NewGuid():N}"[..ScenarioIdLength];
            var view = await Scenario(twin, facility, id).Create(name);
            if (view is null)
            {
                return TwinResults.Starting(context);
            }

            context.Response.Headers.Location = $"/api/scenarios/{id}";
            return ScenarioHttp.View(context, view, StatusCodes.Status201Created);
        });

    private static Task<IResult> ListScenarios(TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
            Results.Json(await twin.Client.Reference<IScenarioIndexGrain>(TwinKeys.ScenarioIndex(facility)).List(), PlannerJson.Options));

    private static Task<IResult> CompareScenarios(string? ids, TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
        {
            var list = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            if (list.Count is < 1 or > MaxCompared)
            {
                return ScenarioHttp.Problems([new("ids", $"give 1 to {MaxCompared} scenario ids, comma-separated")], title: "Invalid comparison");
            }

            var views = await Task.WhenAll(list.Select(id => Scenario(twin, facility, id).Get()));
            var missing = list.Where((_, i) => views[i] is null).ToList();
            if (missing.Count > 0)
            {
                return TwinResults.NotFound($"No scenario {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
            }

            var carbon = await twin.Client.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(facility)).GetCarbon();
            return Results.Json(views.Select(v => Compared(v!, carbon)), PlannerJson.Options);
        });

    private static ScenarioComparison Compared(ScenarioView v, CarbonSpec? carbon)
    {
        var grams = CarbonIntensity.GramsPerKwhAt(carbon, v.BaselineTakenAt);
        var (baseline, projected) = (v.Evaluation.Baseline, v.Evaluation.Projected);
        return new ScenarioComparison(v.Id, v.Name, v.Version, v.BaselineTakenAt, v.Changes.Count, baseline, projected, v.Evaluation.Delta,
            v.Evaluation.Constraints.Ok, v.Evaluation.Violations,
            CarbonIntensity.JoulesPerToken(baseline.FacilityPowerKw, baseline.TokensPerSecond),
            CarbonIntensity.JoulesPerToken(projected.FacilityPowerKw, projected.TokensPerSecond),
            CarbonIntensity.GramsPerMillionTokens(baseline.FacilityPowerKw, baseline.TokensPerSecond, grams),
            CarbonIntensity.GramsPerMillionTokens(projected.FacilityPowerKw, projected.TokensPerSecond, grams));
    }

    private static Task<IResult> GetScenario(string id, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain =>
            await grain.Get() is { } view ? ScenarioHttp.View(context, view) : NotFound(id));

    private static Task<IResult> DeleteScenario(string id, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain => await grain.Delete() ? Results.NoContent() : NotFound(id));

    private static Task<IResult> GetChanges(string id, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain => await grain.Get() is { } view
            ? Tagged(context, view.Version, view.Changes)
            : NotFound(id));

    private static Task<IResult> AddChange(string id, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain =>
        {
            var (version, error) = ScenarioHttp.IfMatch(context.Request);
            if (error is not null)
            {
                return error;
            }

            var (change, problems) = await ChangeReader.Read(context.Request, context.RequestAborted);
            if (change is null)
            {
                return ScenarioHttp.Problems(problems);
            }

            return ScenarioHttp.Command(context, id, await grain.AddChange(change, version!.Value), StatusCodes.Status201Created);
        });

    private static Task<IResult> GetChange(string id, int n, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain => await grain.Get() is { } view && view.Changes.FirstOrDefault(c => c.N == n) is { } entry
            ? Tagged(context, view.Version, entry)
            : TwinResults.NotFound($"No change {n} in scenario '{id}'."));

    private static Task<IResult> RemoveChange(string id, int n, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain =>
        {
            var (version, error) = ScenarioHttp.IfMatch(context.Request);
            return error ?? ScenarioHttp.Command(context, id, await grain.RemoveChange(n, version!.Value));
        });

    private static Task<IResult> Fit(string id, string? hall, string? rackType, string? powerA, string? powerB, string? model,
        double? interactivity, string? precision, int? isl, int? osl, bool? mtp, double? loadLevel, int? maxRacks, string? stopAt,
        double? capW, double? capPercent, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain =>
        {
            var request = new FitSweepRequest(hall ?? "", rackType ?? DefaultSweepRackType, powerA, powerB,
                model is null ? null : new WorkloadSpec(model, null, interactivity, precision, isl, osl, mtp),
                loadLevel ?? 1.0, maxRacks ?? DefaultSweepMaxRacks, stopAt ?? FitSweepRequest.StopAtAny, capW, capPercent);
            var answer = await grain.Sweep(request);
            return answer.Outcome switch
            {
                ScenarioOutcome.Done => Results.Json(answer.Result, PlannerJson.Options),
                ScenarioOutcome.NotFound => NotFound(id),
                _ => ScenarioHttp.Problems(answer.Problems, title: "Invalid sweep"),
            };
        });

    private static Task<IResult> Apply(string id, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain => Applied(id, await grain.Apply()));

    private static Task<IResult> Unapply(string id, TwinLocator twin, HttpContext context) =>
        WithScenario(twin, context, id, async grain => Applied(id, await grain.Unapply()));

    private static IResult Applied(string id, ScenarioApplyResult result) => result.Outcome switch
    {
        ScenarioOutcome.Done => Results.Json(result, PlannerJson.Options),
        ScenarioOutcome.NotFound => NotFound(id),
        ScenarioOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot apply", detail: string.Join("; ", result.Problems)),
        _ => TwinResults.BadRequest(string.Join("; ", result.Problems)),
    };

    private static IResult Tagged<T>(HttpContext context, long version, T body)
    {
        context.Response.Headers.ETag = ScenarioHttp.ETag(version);
        return Results.Json(body, PlannerJson.Options);
    }

    private static IResult NotFound(string id) => TwinResults.NotFound($"No scenario '{id}'.");

    private static IScenarioGrain Scenario(TwinLocator twin, string facility, string id) =>
        twin.Client.Reference<IScenarioGrain>(TwinKeys.Scenario(facility, id));

    private static Task<IResult> WithScenario(TwinLocator twin, HttpContext context, string id, Func<IScenarioGrain, Task<IResult>> handle) =>
        twin.WithFacilityId(context, facility => handle(Scenario(twin, facility, id)));
}
