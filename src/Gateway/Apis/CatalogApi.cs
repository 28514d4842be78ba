using System.Globalization;
using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Economics;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>The built-in catalog, with every figure's source, and the planner's economics calculator.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Catalog");

        api.MapGet("/catalog", GetCatalog)
            .WithSummary("Hardware, rack types, models and published operating points, each with its source.");
        api.MapGet("/economics", GetEconomics)
            .WithSummary("Tokens/s per MW, cost per million tokens and joules per token for one GPU at a throughput and price tier.");
        return app;
    }

    private static IResult GetCatalog(TwinCatalog catalog) => Results.Ok(new
    {
        gpus = catalog.Gpus,
        rackTypes = catalog.RackTypes,
        models = catalog.Models,
        curves = catalog.Curves,
        articlePoints = catalog.ArticlePoints,
        seedTable = catalog.SeedTable,
        facility = catalog.Facility,
    });

    private static IResult GetEconomics(string? gpu, string? tokensPerGpuPerSecond, string? priceTier, TwinCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(gpu))
        {
            return TwinResults.BadRequest($"Query parameter 'gpu' is required (one of: {string.Join(", ", catalog.Gpus.Select(g => g.Id))}).");
        }

        if (catalog.FindGpu(gpu) is not { } spec)
        {
            return TwinResults.BadRequest($"Unknown gpu '{gpu}'; known: {string.Join(", ", catalog.Gpus.Select(g => g.Id))}.");
        }

        if (!double.TryParse(tokensPerGpuPerSecond, NumberStyles.Float, CultureInfo.InvariantCulture, out var tokens)
            || !double.IsFinite(tokens) || tokens <= 0)
        {
            return TwinResults.BadRequest("Query parameter 'tokensPerGpuPerSecond' must be a positive number.");
        }

        var tier = string.IsNullOrWhiteSpace(priceTier) ? ThroughputApi.DefaultPriceTier : priceTier;
        if (!spec.UsdPerGpuHour.ContainsKey(tier))
        {
            return TwinResults.BadRequest($"Unknown priceTier '{tier}'; known: {string.Join(", ", spec.UsdPerGpuHour.Keys)}.");
        }

        return Results.Ok(GpuEconomicsCalculator.Calculate(spec, tokens, tier));
    }
}
