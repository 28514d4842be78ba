using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Abstractions.Ingest;
using TokenFactoryTwin.Gateway.Ingest;
using TokenFactoryTwin.Gateway.Scraping;
using TokenFactoryTwin.Gateway.Security;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>Pull targets: register and remove them (<c>admin</c>), and see each one's health as this gateway scrapes it.</summary>
public static class ScrapeApi
{
    public static IEndpointRouteBuilder MapScrapeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/scrape-targets", (ScrapeHealthRegistry health) => Results.Ok(health.All()))
            .WithTags("Ingest")
            .WithSummary("Every pull target with its health: up or down, last success, last error, failures in a row, next scrape.");

        var writes = app.MapGroup("/api/scrape-targets").WithTags("Ingest")
            .RequireAuthorization(TwinRoles.AdminPolicy)
            .RequireRateLimiting(SecurityExtensions.WritePolicy);
        writes.MapPost("", Post).WithSummary("Registers a /metrics endpoint for the gateways to scrape, or a list of them (all or none).");
        writes.MapDelete("/{id}", Delete).WithSummary("Stops scraping a target.");
        return app;
    }

    private static Task<IResult> Delete(string id, TwinLocator twin, ScrapeService scraper, HttpContext context) =>
        twin.WithFacilityId(context, async facility =>
        {
            var removed = await twin.Client.Reference<IScrapeTargetsGrain>(TwinKeys.ScrapeTargets(facility)).Remove(id);
            scraper.RefreshSoon();
            return removed ? Results.NoContent() : TwinResults.NotFound($"No scrape target '{id}'.");
        });

    private static Task<IResult> Post(HttpContext context, TwinLocator twin, RequestBodyReader reader, ScrapeService scraper) =>
        twin.WithBody(context, reader, (facility, body) => Add(twin, scraper, facility, body));

    private static Task<IResult> Add(TwinLocator twin, ScrapeService scraper, string facility, RequestBody body) =>
        FirstNonSpace(body.Bytes.Span) == (byte)'['
            ? AddAll(twin, scraper, facility, body)
            : AddOne(twin, scraper, facility, body);

    private static byte FirstNonSpace(ReadOnlySpan<byte> json)
    {
        var start = json.IndexOfAnyExcept(" \t\r\n"u8);
        return start < 0 ? (byte)0 : json[start];
    }

    /// <summary>
    /// A list of targets, all or none: 400 naming each bad one by its index (and ids given twice), 409 listing the ids
    /// registered already, else 201 with the list.
    /// </summary>
    private static async Task<IResult> AddAll(TwinLocator twin, ScrapeService scraper, string facility, RequestBody body)
    {
        if (TwinRequest.Parse(body.Bytes.Span, IngestJson.Options, "a list of scrape targets", out List<ScrapeTargetSpec?>? targets) is { } malformed)
        {
            return malformed;
        }

        targets ??= [];
        var problems = targets.SelectMany((t, i) => ScrapeTargetRules.Problems(t).Select(p => $"[{i}]: {p}")).ToList();
        problems.AddRange(targets.OfType<ScrapeTargetSpec>().GroupBy(t => t.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"the id '{g.Key}' is given more than once"));
        if (targets.Count == 0)
        {
            problems.Add("the list is empty");
        }

        if (problems.Count > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: $"{problems.Count} problem(s); nothing was registered: {string.Join("; ", problems.Take(20))}",
                extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }

        List<ScrapeTargetSpec> valid = [.. targets.OfType<ScrapeTargetSpec>()];
        var existing = await twin.Client.Reference<IScrapeTargetsGrain>(TwinKeys.ScrapeTargets(facility)).AddAll(valid);
        if (existing.Count > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"{existing.Count} of the scrape targets exist already; nothing was registered: {string.Join(", ", existing.Take(20))}",
                extensions: new Dictionary<string, object?> { ["existing"] = existing });
        }

        scraper.RefreshSoon();
        return Results.Created("/api/scrape-targets", valid);
    }

    private static async Task<IResult> AddOne(TwinLocator twin, ScrapeService scraper, string facility, RequestBody body)
    {
        if (TwinRequest.Parse(body.Bytes.Span, IngestJson.Options, "a scrape target", out ScrapeTargetSpec? target) is { } malformed)
        {
            return malformed;
        }

        var problems = ScrapeTargetRules.Problems(target);
        if (problems.Count > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: string.Join("; ", problems),
                extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }

        if (!await twin.Client.Reference<IScrapeTargetsGrain>(TwinKeys.ScrapeTargets(facility)).Add(target!))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"scrape target '{target!.Id}' exists already");
        }

        scraper.RefreshSoon();
        return Results.Created($"/api/scrape-targets/{target!.Id}", target);
    }
}
