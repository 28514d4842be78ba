namespace TokenFactoryTwin.Domain.Json;

/// <summary>
/// Finds a <c>\u</c> escape in JSON text that names half of a UTF-16 surrogate pair without the other half
/// (<c>"\ud800"</c>). System.Text.Json reads such a string's bytes without complaint but throws
/// <see cref="InvalidOperationException"/>, not <see cref="System.Text.Json.JsonException"/>, when the string is decoded:
/// the fuzzer found a native batch with one in a field name that the gateway answered with 500. Checked up front, as
/// UTF-8 validity is, a body holding one is refused whole with the reason.
/// </summary>
public static class JsonEscapes
{
    /// <summary>What a refusal says, after naming what the body is not.</summary>
    public const string LoneSurrogateReason = "a string escapes half of a UTF-16 surrogate pair (\\ud800 without its partner)";

    /// <returns>The offset of the first lone surrogate escape, or -1 when there is none.</returns>
    public static int FindLoneSurrogate(ReadOnlySpan<byte> utf8)
    {
        var at = utf8.IndexOf((byte)'\\');
        while (at >= 0 && at + 1 < utf8.Length)
        {
            if (utf8[at + 1] != (byte)'u')
            {
                at = Next(utf8, at + 2);
                continue;
            }

            var unit = Hex4(utf8, at + 2);
            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return at;
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                var low = at + 6 + 1 < utf8.Length && utf8[at + 6] == (byte)'\\' && utf8[at + 7] == (byte)'u' ? Hex4(utf8, at + 8) : -1;
                if (low is < 0xDC00 or > 0xDFFF)
                {
                    return at;
                }

                at = Next(utf8, at + 12);
                continue;
            }

            at = Next(utf8, at + 6);
        }

        return -1;
    }

    private static int Next(ReadOnlySpan<byte> utf8, int from)
    {
        if (from >= utf8.Length)
        {
            return -1;
        }

        var next = utf8[from..].IndexOf((byte)'\\');
        return next < 0 ? -1 : from + next;
    }

    /// <summary>The value of four hex digits at <paramref name="at"/>, or -1 when they are not (the JSON reader refuses that itself).</summary>
    private static int Hex4(ReadOnlySpan<byte> utf8, int at)
    {
        if (at + 4 > utf8.Length)
        {
            return -1;
        }

        var value = 0;
        foreach (var b in utf8.Slice(at, 4))
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 16) + digit;
        }

        return value;
    }
}
