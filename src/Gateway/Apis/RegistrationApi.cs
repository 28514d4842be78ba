using System.Text.Json;
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
        api.MapDelete("/endpoints/{name}", async (string name, TwinLocator twin, HttpContext context) =>
            await twin.FacilityId() is not { } facility ? TwinResults.Starting(context)
            : await twin.Client.GetGrain<IInferenceEndpointGrain>(TwinKeys.InferenceEndpoint(facility, name)).Remove() ? Results.NoContent()
            : TwinResults.NotFound($"No inference endpoint '{name}'."))
            .WithSummary("Forgets an inference endpoint.");
        app.MapGet("/api/endpoints/{name}", async (string name, TwinLocator twin, HttpContext context) =>
            await twin.FacilityId() is not { } facility ? TwinResults.Starting(context)
            : await twin.Client.GetGrain<IInferenceEndpointGrain>(TwinKeys.InferenceEndpoint(facility, name)).Get() is { } spec ? Results.Ok(spec)
            : TwinResults.NotFound($"No inference endpoint '{name}'."))
            .WithTags("Registration")
            .WithSummary("An inference endpoint and its GPUs.");
        return app;
    }

    private static async Task<IResult> PostRack(HttpContext context, TwinLocator twin, RequestBodyReader reader)
    {
        if (await twin.Facility() is not { } facilityGrain)
        {
            return TwinResults.Starting(context);
        }

        using var body = await reader.Read(context);
        if (!body.Ok)
        {
            return body.Refusal!;
        }

        // One rack, or many as a JSON array: a list is registered in one step, all or none, so a thousand racks cost
        // one write of the facility's registrations rather than a thousand.
        var many = body.Bytes.Span.TrimStart(" \t\r\n"u8) is [(byte)'[', ..];
        List<RackSpec?>? racks;
        try
        {
            racks = many
                ? JsonSerializer.Deserialize<List<RackSpec?>>(body.Bytes.Span, FacilityJson.Options)
                : [JsonSerializer.Deserialize<RackSpec>(body.Bytes.Span, FacilityJson.Options)];
        }
        catch (JsonException e)
        {
            return TwinResults.BadRequest($"The body is not {(many ? "a list of racks" : "a rack")}: {e.Message}");
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

    private static async Task<IResult> DeleteRack(string id, TwinLocator twin, HttpContext context)
    {
        if (await twin.Facility() is not { } facilityGrain)
        {
            return TwinResults.Starting(context);
        }

        var result = await facilityGrain.RemoveRack(id);
        return result switch
        {
            { Succeeded: true } => Results.NoContent(),
            { Conflict: true } => Clash(string.Join("; ", result.Problems)),
            _ => TwinResults.NotFound(string.Join("; ", result.Problems)),
        };
    }

    private static async Task<IResult> PutEndpoint(string name, HttpContext context, TwinLocator twin, RequestBodyReader reader)
    {
        if (await twin.Facility() is not { } facilityGrain || await twin.FacilityId() is not { } facility)
        {
            return TwinResults.Starting(context);
        }

        using var body = await reader.Read(context);
        if (!body.Ok)
        {
            return body.Refusal!;
        }

        EndpointBody? request;
        try
        {
            request = JsonSerializer.Deserialize<EndpointBody>(body.Bytes.Span, IngestJson.Options);
        }
        catch (JsonException e)
        {
            return TwinResults.BadRequest($"The body is not an inference endpoint: {e.Message}");
        }

        if (request?.Gpus is not { Count: > 0 } gpus)
        {
            return TwinResults.BadRequest("The body needs 'gpus': the twin GPU ids the endpoint runs on, e.g. { \"gpus\": [\"h1-01-g0\", \"h1-01-g1\"] }.");
        }

        var topology = await facilityGrain.GetTopology();
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
        await twin.Client.GetGrain<IInferenceEndpointGrain>(TwinKeys.InferenceEndpoint(facility, name)).Set(spec);
        return Results.Ok(spec);
    }

    private static IResult Clash(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    private static IResult Invalid(IReadOnlyList<string> problems) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: string.Join("; ", problems),
            extensions: new Dictionary<string, object?> { ["problems"] = problems });

    private sealed record EndpointBody(List<string?>? Gpus);
}
