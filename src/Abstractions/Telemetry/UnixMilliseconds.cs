namespace TokenFactoryTwin.Abstractions.Telemetry;

/// <summary>
/// Timestamps as milliseconds since 1970, as Prometheus text and remote write carry them: any 64-bit number on the
/// wire, but only those from year 1 to year 9999 are dates .NET can hold. Parsers refuse the rest at the series that
/// carries them, so no later stage ever turns such a number into a date and throws.
/// </summary>
public static class UnixMilliseconds
{
    /// <summary>0001-01-01T00:00:00Z.</summary>
    public const long Earliest = -62_135_596_800_000;

    /// <summary>9999-12-31T23:59:59.999Z.</summary>
    public const long Latest = 253_402_300_799_999;

    public static bool IsDate(long ms) => ms is >= Earliest and <= Latest;

    /// <summary>Why a timestamp is refused, in the words every parser uses.</summary>
    public static string NotADate(long ms) => $"timestamp {ms} ms since 1970 is outside the years 1 to 9999";
}
