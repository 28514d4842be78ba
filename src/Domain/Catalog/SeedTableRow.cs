namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>One row of the article's comparison, which the twin's formulas must reproduce.</summary>
public sealed record SeedTableRow(string Gpu, double TokensPerGpuPerSecond, double TokensPerSecondPerMegawatt, double CostPerMillionTokensUsd);
