using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Facilities;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Registering live hardware at run time: racks (with the hosts whose GPUs fill them) and inference endpoints
/// (with the GPUs they run on). All or nothing; 400 with every reason, 409 on a clash. Needs the <c>admin</c> role.
/// </summary>
public static class RegistrationApi
{
    public static IEndpointRouteBuilder MapRegistrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Registration")
            .RequireAuthorization(TwinRoles.AdminPolicy)
            .RequireRateLimiting(SecurityExtensions.WritePolicy);

        api.MapPost("/racks", PostRack).WithSummary("Adds a rack, or a JSON array of racks (all or none), to the live twin and persists them.");
        api.MapDelete("/racks/{id}", DeleteRack).WithSummary("Removes a rack registered at run time.");
        api.MapPut("/endpoints/{name}", PutEndpoint).WithSummary("Registers an inference endpoint and the twin GPUs it runs on.");
        api.MapDelete("/endpoints/{name}", DeleteEndpoint).WithSummary("Forgets an inference endpoint.");
        app.MapGet("/api/endpoints/{name}", GetEndpoint)
            .WithTags("Registration")
            .WithSummary("An inference endpoint and its GPUs.");
        return app;
    }

    private static Task<IResult> GetEndpoint(string name, TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
            await Endpoint(twin, facility, name).Get() is { } spec ? Results.Ok(spec) : NoEndpoint(name));

    private static Task<IResult> DeleteEndpoint(string name, TwinLocator twin, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
            await Endpoint(twin, facility, name).Remove() ? Results.NoContent() : NoEndpoint(name));

    private static Task<IResult> PostRack(HttpContext context, TwinLocator twin, RequestBodyReader reader) =>
        twin.WithBody(context, reader, (facility, body) => RegisterRacks(FacilityGrain(twin, facility), body));

    private static async Task<IResult> RegisterRacks(IFacilityTopologyGrain facilityGrain, RequestBody body)
    {
        // One rack, or many as a JSON array: a list is registered in one step, all or none, so a thousand racks cost
        // one write of the facility's registrations rather than a thousand.
        var json = body.Bytes.Span;
        var many = json.TrimStart(" \t\r\n"u8) is [(byte)'[', ..];
        List<RackSpec?>? racks;
        IResult? malformed;
        if (many)
        {
            malformed = TwinRequest.Parse(json, FacilityJson.Options, "a list of racks", out racks);
        }
        else
        {
            malformed = TwinRequest.Parse(json, FacilityJson.Options, "a rack", out RackSpec? rack);
            racks = [rack];
        }

        if (malformed is not null)
        {
            return malformed;
        }

        if (racks is not { Count: > 0 })
        {
            return TwinResults.BadRequest("The body needs a rack, or a list of racks.");
        }

        foreach (var rack in racks)
        {
            if (rack is null || string.IsNullOrWhiteSpace(rack.Id))
            {
                return TwinResults.BadRequest("The body needs a rack: { \"id\", \"hall\", \"rackType\", \"row\", \"position\", \"powerA\", \"powerB\", \"source\" }.");
            }

            if (rack.Source is null)
            {
                return TwinResults.BadRequest($"rack '{rack.Id}': source is required ({{ \"kind\": \"live\", \"hosts\": [ {{ \"hostname\": \"…\", \"gpus\": 8 }} ] }})");
            }
        }

        // The facility checks that no host is another rack's, in the same step that registers the racks.
        var registered = racks.Select(r => r!).ToList();
        var result = await facilityGrain.RegisterRacks(registered);
        return result switch
        {
            // The facility keeps a registered rack as it was sent: answering it needs no read of the whole topology.
            { Succeeded: true } => many ? Results.Created("/api/racks", registered) : Results.Created($"/api/racks/{registered[0].Id}", registered[0]),
            { Conflict: true } => Clash(string.Join("; ", result.Problems)),
            _ => Invalid(result.Problems),
        };
    }

    private static Task<IResult> DeleteRack(string id, TwinLocator twin, HttpContext context) =>
        twin.WithFacility<IFacilityTopologyGrain>(context, async facilityGrain =>
        {
            var result = await facilityGrain.RemoveRack(id);
            return result switch
            {
                { Succeeded: true } => Results.NoContent(),
                { Conflict: true } => Clash(string.Join("; ", result.Problems)),
                _ => TwinResults.NotFound(string.Join("; ", result.Problems)),
            };
        });

    private static Task<IResult> PutEndpoint(string name, HttpContext context, TwinLocator twin, RequestBodyReader reader) =>
        twin.WithBody(context, reader, (facility, body) => SetEndpoint(twin, facility, name, body));

    private static async Task<IResult> SetEndpoint(TwinLocator twin, string facility, string name, RequestBody body)
    {
        if (TwinRequest.Parse(body.Bytes.Span, IngestJson.Options, "an inference endpoint", out EndpointBody? request) is { } malformed)
        {
            return malformed;
        }

        if (request?.Gpus is not { Count: > 0 } gpus)
        {
            return TwinResults.BadRequest("The body needs 'gpus': the twin GPU ids the endpoint runs on, e.g. { \"gpus\": [\"h1-01-g0\", \"h1-01-g1\"] }.");
        }

        var topology = await FacilityGrain(twin, facility).GetTopology();
        var problems = new List<string>();
        foreach (var gpu in gpus)
        {
            if (!GpuIds.TryParse(gpu ?? "", out var rackId, out var slot))
            {
                problems.Add($"'{gpu}' is not a twin GPU id ('<rack>-g<index>')");
            }
            else if (topology?.Racks.FirstOrDefault(r => r.Id == rackId) is not { } rack)
            {
                problems.Add($"gpu '{gpu}': no rack '{rackId}' in the twin");
            }
            else if (rack.Source.Hosts?.Sum(h => h.Gpus) is { } count && slot >= count)
            {
                problems.Add($"gpu '{gpu}': rack '{rackId}' has {count} GPUs");
            }
        }

        if (gpus.Distinct().Count() != gpus.Count)
        {
            problems.Add("a GPU is listed twice");
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        var spec = new InferenceEndpointSpec(name, gpus!);
        await Endpoint(twin, facility, name).Set(spec);
        return Results.Ok(spec);
    }

    private static IFacilityTopologyGrain FacilityGrain(TwinLocator twin, string facility) =>
        twin.Client.Reference<IFacilityTopologyGrain>(TwinKeys.Facility(facility));

    private static IInferenceEndpointGrain Endpoint(TwinLocator twin, string facility, string name) =>
        twin.Client.Reference<IInferenceEndpointGrain>(TwinKeys.InferenceEndpoint(facility, name));

    private static IResult NoEndpoint(string name) => TwinResults.NotFound($"No inference endpoint '{name}'.");

    private static IResult Clash(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    private static IResult Invalid(IReadOnlyList<string> problems) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: string.Join("; ", problems),
            extensions: new Dictionary<string, object?> { ["problems"] = problems });

    private sealed record EndpointBody(List<string?>? Gpus);
}
