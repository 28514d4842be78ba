using System.Globalization;
using System.Text;

namespace TokenFactoryTwin.Domain.Telemetry.Protobuf;

/// <summary>
/// Room for the label text of the series being read: a decoder writes each label value it keeps here as characters
/// and hands the mapper spans of it, so a series costs no string. <see cref="Reset"/> before each series. A value that
/// does not fit moves to a larger array; spans already handed out keep the old one alive, so they stay valid.
/// </summary>
public sealed class Utf8Scratch
{
    private char[] _chars = new char[512];
    private int _used;

    public void Reset() => _used = 0;

    /// <summary>UTF-8 as characters (invalid sequences become U+FFFD, as protobuf's parsers decode them).</summary>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var room = Room(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        var count = Encoding.UTF8.GetChars(utf8, room);
        return Keep(count);
    }

    public ReadOnlySpan<char> Format(long value)
    {
        var room = Room(20);
        value.TryFormat(room, out var count, provider: CultureInfo.InvariantCulture);
        return Keep(count);
    }

    public ReadOnlySpan<char> Format(double value)
    {
        var room = Room(32);
        value.TryFormat(room, out var count, "R", CultureInfo.InvariantCulture);
        return Keep(count);
    }

    private Span<char> Room(int needed)
    {
        if (_chars.Length - _used < needed)
        {
            _chars = new char[Math.Max(2 * _chars.Length, needed)];
            _used = 0;
        }

        return _chars.AsSpan(_used);
    }

    private ReadOnlySpan<char> Keep(int count)
    {
        var kept = _chars.AsSpan(_used, count);
        _used += count;
        return kept;
    }
}
