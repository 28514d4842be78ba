using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Planning;
using TokenFactoryTwin.Gateway.Planner;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Live flex events: start one on the twin (simulated racks follow the plan; live racks get the recommended cap per
/// GPU, to apply with <c>nvidia-smi -pl</c>), watch the facility's measured power against the target and the tokens/s
/// lost against the baseline, and end it.
/// </summary>
public static class FlexApi
{
    public static IEndpointRouteBuilder MapFlexApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/flex").WithTags("Flex");
        var writes = api.MapGroup("").RequireAuthorization(TwinRoles.PlannerPolicy).RequireRateLimiting(SecurityExtensions.WritePolicy);
        writes.MapPost("/", StartFlex)
            .WithSummary("Starts a flex event on the live twin: { shedKw | capKw, hours, priorities?, usdPerMillionTokens? }. 400 names the field at fault; 409 while another runs.");
        api.MapGet("/", GetFlex)
            .WithSummary("The running flex event: target against measured facility power, tokens/s lost against the pre-event baseline, the plan and the recommended cap per GPU of each rack. 404 when none runs.");
        writes.MapDelete("/", StopFlex)
            .WithSummary("Ends the running flex event and lifts its caps.");
        return app;
    }

    private static Task<IResult> StartFlex(FlexEventChange? body, TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
        {
            if (body is null)
            {
                return ScenarioHttp.Problems([new("body", "must be a flex event: { shedKw or capKw, hours, priorities?, usdPerMillionTokens? }")], title: "Invalid flex event");
            }

            var result = await Flex(twin, facility).Start(body);
            if (result.Conflict)
            {
                return ScenarioHttp.Problems(result.Problems, StatusCodes.Status409Conflict, "A flex event is running");
            }

            return result.Status is { } status
                ? Results.Json(status, PlannerJson.Options, statusCode: StatusCodes.Status201Created)
                : ScenarioHttp.Problems(result.Problems, title: "Invalid flex event");
        });

    private static Task<IResult> GetFlex(TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility => await Flex(twin, facility).Get() is { } status
            ? Results.Json(status, PlannerJson.Options)
            : TwinResults.NotFound("No flex event is running."));

    private static Task<IResult> StopFlex(TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility => await Flex(twin, facility).Stop()
            ? Results.NoContent()
            : TwinResults.NotFound("No flex event is running."));

    private static IFlexGrain Flex(TwinLocator twin, string facility) => twin.Client.Reference<IFlexGrain>(TwinKeys.Flex(facility));
}
