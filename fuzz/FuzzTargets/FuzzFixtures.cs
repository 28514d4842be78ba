namespace TokenFactoryTwin.FuzzTargets;

/// <summary>
/// What every target maps against, fixed so an input the fuzzer saved replays exactly: one instant (the seed captures'
/// timestamps fall around it; far-off timestamps are what the validator must refuse) and the configured meter names.
/// </summary>
internal static class FuzzFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Meter series names the text and remote-write targets treat as configured (<c>Twin:Meters</c>), so that path is fuzzed too.</summary>
    public static readonly HashSet<string> MeterNames = ["facility_power_kw", "pdu_power_watts"];
}
