namespace TokenFactoryTwin.Domain.Economics;

/// <summary>
/// The formulas the twin is judged by (docs/architecture.md, "Economics"). Tokens count input plus output.
/// </summary>
public static class TokenEconomics
{
    public const double SecondsPerHour = 3600;
    public const double HoursPerYear = 8760;

    /// <summary>tokens/s ÷ MW.</summary>
    public static double TokensPerSecondPerMegawatt(double tokensPerSecond, double powerKw) =>
        powerKw > 0 ? tokensPerSecond * 1000 / powerKw : 0;

    /// <summary>cost per hour ÷ (tokens/s × 3600) × 1e6; null when nothing is produced (the cost is then unbounded).</summary>
    public static double? CostPerMillionTokens(double costPerHourUsd, double tokensPerSecond) =>
        tokensPerSecond > 0 ? costPerHourUsd / (tokensPerSecond * SecondsPerHour) * 1e6 : null;

    /// <summary>Joules of provisioned power per token: all-in kW per GPU × 1000 ÷ tokens/s per GPU.</summary>
    public static double? JoulesPerToken(double powerKw, double tokensPerSecond) =>
        tokensPerSecond > 0 ? powerKw * 1000 / tokensPerSecond : null;
}
