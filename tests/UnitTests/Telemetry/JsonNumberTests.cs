using System.Globalization;
using System.Text;
using CsCheck;
using TokenFactoryTwin.Domain.Telemetry.Native;

namespace TokenFactoryTwin.UnitTests.Telemetry;

public sealed class JsonNumberTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("-0", -0.0)]
    [InlineData("1012.5", 1012.5)]
    [InlineData("123456789000", 123456789000.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("-61.25", -61.25)]
    [InlineData("6.1e3", 6100.0)]
    [InlineData("25E-2", 0.25)]
    [InlineData("1e+22", 1e22)]
    [InlineData("9007199254740992", 9007199254740992.0)]
    [InlineData("0.000000000000000000001", 1e-21)]
    public void Reads_plain_numbers_exactly(string text, double expected)
    {
        Assert.True(JsonNumber.TryParseExact(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("12345678901234567890123")]
    [InlineData("1e23")]
    [InlineData("1e-23")]
    [InlineData("1e400")]
    [InlineData("0.1234567890123456789")]
    public void Leaves_what_the_fast_path_cannot_round_exactly_to_the_general_parser(string text)
    {
        Assert.False(JsonNumber.TryParseExact(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Agrees_with_double_parse_wherever_it_answers()
    {
        var numbers = Gen.Select(Gen.Long[-99_999_999_999_999, 99_999_999_999_999], Gen.Int[0, 12], Gen.Int[-25, 25], Gen.Bool)
            .Select((digits, point, exponent, withExponent) => Format(digits, point, exponent, withExponent));
        var answered = 0;
        numbers.Sample(text =>
        {
            if (JsonNumber.TryParseExact(Encoding.UTF8.GetBytes(text), out var value))
            {
                Interlocked.Increment(ref answered);
                Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
            }
        }, iter: 20_000);

        // Most of these numbers are within the fast path's reach: the comparison above must have had work to do.
        Assert.True(answered > 10_000, $"only {answered} of 20,000 numbers took the fast path");
    }

    /// <summary>A JSON number: the digits with a decimal point <paramref name="point"/> places from the right, and maybe an exponent.</summary>
    private static string Format(long digits, int point, int exponent, bool withExponent)
    {
        var text = Math.Abs(digits).ToString(CultureInfo.InvariantCulture).PadLeft(point + 1, '0');
        var number = point == 0 ? text : $"{text[..^point]}.{text[^point..]}";
        return (digits < 0 ? "-" : "") + number + (withExponent ? $"e{exponent}" : "");
    }
}
