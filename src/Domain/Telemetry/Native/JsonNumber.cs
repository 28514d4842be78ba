namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// Reads the plain JSON numbers telemetry is made of (<c>1012.5</c>, <c>123456789000</c>, <c>6.1e3</c>) without the
/// general parser, which was a fifth of the gateway's ingest CPU. This is the classic exact fast path (Clinger,
/// 1990): when the digits fit in 53 bits and the power of ten is at most 22, both are exact doubles and one
/// multiplication or division rounds correctly, so the result is the same double <c>double.Parse</c> gives. Any
/// other number returns false, for the general parser to read.
/// </summary>
public static class JsonNumber
{
    private const ulong MaxExactMantissa = 1UL << 53;
    private const int MaxDigits = 19;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <param name="text">A number as JSON writes it (the reader has checked its grammar).</param>
    public static bool TryParseExact(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = text.Length > 0 && text[0] == '-';
        if (negative)
        {
            i++;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        for (; i < text.Length && IsDigit(text[i]); i++)
        {
            if (!Take(text[i], ref mantissa, ref digits))
            {
                return false;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length && IsDigit(text[i]); i++)
            {
                if (!Take(text[i], ref mantissa, ref digits))
                {
                    return false;
                }

                exponent--;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var negativeExponent = i < text.Length && text[i] == '-';
            if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            {
                i++;
            }

            var written = 0;
            for (; i < text.Length && IsDigit(text[i]); i++)
            {
                written = written * 10 + (text[i] - '0');
                if (written > 400)
                {
                    return false;
                }
            }

            exponent += negativeExponent ? -written : written;
        }

        if (i != text.Length || mantissa > MaxExactMantissa || exponent < -22 || exponent > 22)
        {
            return false;
        }

        value = exponent >= 0 ? mantissa * PowersOfTen[exponent] : mantissa / PowersOfTen[-exponent];
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Appends a digit; leading zeros do not count towards the digits a <see cref="ulong"/> holds.</summary>
    private static bool Take(byte digit, ref ulong mantissa, ref int digits)
    {
        if (mantissa == 0 && digit == '0')
        {
            return true;
        }

        if (++digits > MaxDigits)
        {
            return false;
        }

        mantissa = mantissa * 10 + (ulong)(digit - '0');
        return true;
    }
}
