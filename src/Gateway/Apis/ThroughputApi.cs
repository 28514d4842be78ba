using System.Globalization;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Performance;
using TokenFactoryTwin.Gateway.Throughput;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// Tokens/s per GPU for any catalog model on any catalog GPU: a published curve where one matches, else the
/// throughput model's best configuration, priced at a tier. Without an interactivity, the whole front.
/// </summary>
public static class ThroughputApi
{
    public const string DefaultPriceTier = "hyperscaler";

    public static IEndpointRouteBuilder MapThroughputApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Throughput")
            .MapGet("/throughput", GetThroughput)
            .WithSummary("Tokens/s per GPU (input + output), TTFT, TPOT, the configuration and its source at an interactivity; without one, the Pareto front.")
            .Produces<ThroughputAnswer>()
            .Produces<ThroughputCurve>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static IResult GetThroughput(string? model, string? gpu, string? precision, string? isl, string? osl, string? interactivity,
        string? mtp, string? acceptance, string? priceTier, TwinCatalog catalog)
    {
        if (!TryInt(isl, "isl", out var input, out var error) || !TryInt(osl, "osl", out var output, out error)
            || !TryDouble(interactivity, "interactivity", out var wanted, out error) || !TryDouble(acceptance, "acceptance", out var accepted, out error)
            || !TryBool(mtp, "mtp", out var speculative, out error))
        {
            return error!;
        }

        var resolver = catalog.Throughput;
        var (query, problem) = resolver.Prepare(new ThroughputRequest(model, gpu, precision, input, output, speculative, wanted, accepted));
        if (problem is not null)
        {
            return Problem(problem);
        }

        var spec = catalog.FindGpu(query!.Gpu)!;
        var tier = string.IsNullOrWhiteSpace(priceTier) ? DefaultPriceTier : priceTier;
        if (!spec.UsdPerGpuHour.ContainsKey(tier))
        {
            return Problem(new ThroughputProblem(ThroughputProblem.Invalid, "priceTier", $"'{tier}' is not a price tier (known: {string.Join(", ", spec.UsdPerGpuHour.Keys)})"));
        }

        if (wanted is { } at)
        {
            return resolver.At(query, at) is { } point
                ? Results.Ok(ThroughputPricing.Answer(query, point, spec, tier))
                : Problem(new ThroughputProblem(ThroughputProblem.Unservable, "interactivity",
                    $"no configuration of {spec.Name} serves {query.Model} at {at:0.#} tokens/s per user; the fastest reaches {resolver.MaxInteractivity(query):0.#}"));
        }

        var front = resolver.Front(query);
        return Results.Ok(new ThroughputCurve(query.Model, query.Gpu, query.PrecisionName, query.InputTokens, query.OutputTokens, query.Mtp, tier,
            Math.Round(resolver.MaxInteractivity(query), 2),
            front.Select(p => ThroughputPricing.Answer(query, p, spec, tier)).ToList(),
            resolver.PublishedPoints(query).Select(p => ThroughputPricing.Answer(query, p, spec, tier)).ToList()));
    }

    private static IResult Problem(ThroughputProblem problem) =>
        Results.Problem(statusCode: problem.Status, title: problem.Status == ThroughputProblem.Unservable ? "Cannot be served" : "Bad request",
            detail: $"{problem.Field}: {problem.Reason}", extensions: new Dictionary<string, object?> { ["field"] = problem.Field });

    private static bool TryInt(string? text, string name, out int? value, out IResult? error)
    {
        (value, error) = (null, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = Problem(new ThroughputProblem(ThroughputProblem.Invalid, name, $"must be a whole number of tokens (got '{text}')"));
        return false;
    }

    private static bool TryDouble(string? text, string name, out double? value, out IResult? error)
    {
        (value, error) = (null, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
        {
            value = parsed;
            return true;
        }

        error = Problem(new ThroughputProblem(ThroughputProblem.Invalid, name, $"must be a number (got '{text}')"));
        return false;
    }

    private static bool TryBool(string? text, string name, out bool value, out IResult? error)
    {
        (value, error) = (false, null);
        if (string.IsNullOrWhiteSpace(text) || bool.TryParse(text, out value))
        {
            return true;
        }

        error = Problem(new ThroughputProblem(ThroughputProblem.Invalid, name, $"must be true or false (got '{text}')"));
        return false;
    }
}
