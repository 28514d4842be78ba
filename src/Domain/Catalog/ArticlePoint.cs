namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>A single published point without a curve (the source article's figures).</summary>
public sealed record ArticlePoint(string Id, string Model, string Gpu, double TokensPerGpuPerSecond, string Note);
