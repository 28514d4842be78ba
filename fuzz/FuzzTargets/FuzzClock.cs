namespace TokenFactoryTwin.FuzzTargets;

/// <summary>
/// The one instant every target maps samples at: a fixed clock, so an input the fuzzer saved replays exactly (the
/// seed captures' timestamps fall around it; far-off timestamps are what the validator must refuse).
/// </summary>
internal static class FuzzClock
{
    public static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
}
