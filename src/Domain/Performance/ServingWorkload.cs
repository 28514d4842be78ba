namespace TokenFactoryTwin.Domain.Performance;

/// <summary>
/// The requests a deployment serves: input and output tokens per request, and, with speculative decoding, the chance
/// that each drafted token is accepted.
/// </summary>
public sealed record ServingWorkload(int InputTokens, int OutputTokens, double AcceptanceRate = ServingWorkload.DefaultAcceptanceRate)
{
    /// <summary>
    /// Per drafted token. DeepSeek-V3's report gives 85–90 % for its one MTP token; engines drafting three tokens
    /// report 2.4–2.7 accepted per step, which 0.75 per token reproduces (1 + 0.75 + 0.56 + 0.42 = 2.73).
    /// </summary>
    public const double DefaultAcceptanceRate = 0.75;
}
