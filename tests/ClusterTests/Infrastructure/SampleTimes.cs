using System.Globalization;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// The timestamps of the samples one test sends: the wall clock read once, cut to the whole millisecond the twin
/// keeps, and every sample time an exact offset from it. A rate the twin derives from two counter samples is then
/// the increase over exactly the interval the test chose, however long the test takes between building the two.
/// The base is the present, not a fixed date, because the twin refuses samples more than an hour old or more than
/// five minutes ahead of its own clock (<c>SampleLimits.Default</c>), and judges freshness by the sample's time.
/// </summary>
public readonly record struct SampleTimes(DateTimeOffset Base)
{
    public static SampleTimes Now() => new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    public DateTimeOffset Ago(double seconds) => Base.AddSeconds(-seconds);

    /// <summary>ISO 8601, as the native ingest API reads it.</summary>
    public string Iso(double secondsAgo) => Ago(secondsAgo).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Unix milliseconds, as a Prometheus sample's timestamp.</summary>
    public long Ms(double secondsAgo) => Ago(secondsAgo).ToUnixTimeMilliseconds();

    /// <summary>Unix nanoseconds as a decimal string, as OTLP/JSON's <c>timeUnixNano</c>.</summary>
    public string Nanos(double secondsAgo) => (Ms(secondsAgo) * 1_000_000).ToString(CultureInfo.InvariantCulture);
}
