using Microsoft.Extensions.Primitives;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Planning;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Planner;

/// <summary>How scenario answers map to HTTP: versions as ETags, If-Match as the guard on changes, problems as 4xx.</summary>
public static class ScenarioHttp
{
    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>The version an If-Match names; null with the error to send when it is missing or unreadable.</summary>
    public static (long? Version, IResult? Error) IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (StringValues.IsNullOrEmpty(header))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Changing a scenario needs an If-Match header with the ETag of the version you changed (GET the scenario to read it)."));
        }

        var tag = header.ToString().Trim();
        tag = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
        return long.TryParse(tag.Trim('"'), out var version)
            ? (version, null)
            : (null, TwinResults.BadRequest($"If-Match '{header}' is not a scenario ETag (they read like \"3\")."));
    }

    public static IResult View(HttpContext context, ScenarioView view, int status = StatusCodes.Status200OK)
    {
        context.Response.Headers.ETag = ETag(view.Version);
        return Results.Json(view, PlannerJson.Options, statusCode: status);
    }

    public static IResult Command(HttpContext context, string id, ScenarioCommandResult result, int successStatus = StatusCodes.Status200OK)
    {
        if (result.Outcome != ScenarioOutcome.NotFound)
        {
            context.Response.Headers.ETag = ETag(result.CurrentVersion);
        }

        return result.Outcome switch
        {
            ScenarioOutcome.Done => View(context, result.Scenario!, successStatus),
            ScenarioOutcome.NotFound => TwinResults.NotFound($"No scenario '{id}' (or no such change in it)."),
            ScenarioOutcome.VersionMismatch => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Stale version",
                detail: $"Scenario '{id}' is at version {result.CurrentVersion}; your If-Match names another. GET it again and redo your change."),
            ScenarioOutcome.Conflict => Problems(result.Problems, StatusCodes.Status409Conflict, "The change cannot be removed"),
            _ => Problems(result.Problems, StatusCodes.Status400BadRequest, "Invalid change"),
        };
    }

    public static IResult Problems(IReadOnlyList<ChangeProblem> problems, int status = StatusCodes.Status400BadRequest, string title = "Invalid change") =>
        Results.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            detail: string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")),
            title: title,
            statusCode: status);
}
