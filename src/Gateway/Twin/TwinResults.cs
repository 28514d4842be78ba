namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>The gateway's error answers, as RFC 9457 problem details with a reason a person can act on.</summary>
public static class TwinResults
{
    public static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult BadRequest(string detail) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    /// <summary>The cluster has not registered its facility yet, or (for telemetry) the facility is still starting.</summary>
    public static IResult Starting(HttpContext context, string detail = "The twin's cluster has not loaded its facility yet; retry shortly.")
    {
        context.Response.Headers.RetryAfter = "2";
        return Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Starting",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 2 });
    }
}
