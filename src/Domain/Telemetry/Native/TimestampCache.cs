namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// The last timestamp text read and what it parsed to. The samples of one batch mostly share their timestamp (an
/// exporter stamps a whole scrape), so parsing it once per batch instead of once per sample saves most of the cost.
/// </summary>
internal sealed class TimestampCache
{
    private readonly byte[] _text = new byte[64];
    private int _length = -1;
    private long _unixMs;

    public bool TryGet(ReadOnlySpan<byte> text, out long unixMs)
    {
        unixMs = _unixMs;
        return _length == text.Length && text.SequenceEqual(_text.AsSpan(0, _length));
    }

    public void Remember(ReadOnlySpan<byte> text, long unixMs)
    {
        if (text.Length <= _text.Length)
        {
            text.CopyTo(_text);
            _length = text.Length;
            _unixMs = unixMs;
        }
    }
}
