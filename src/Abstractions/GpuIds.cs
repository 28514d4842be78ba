using System.Globalization;

namespace TokenFactoryTwin.Abstractions;

/// <summary>
/// The public id of a GPU: its rack's id and its slot, as <c>{rack}-g{index}</c> (e.g. <c>h2-r1-03-g17</c>).
/// </summary>
public static class GpuIds
{
    private const string Marker = "-g";

    public static string Format(string rackId, int index) => $"{rackId}{Marker}{index}";

    public static bool TryParse(string gpuId, out string rackId, out int index)
    {
        if (TryParse(gpuId.AsSpan(), out var rack, out index))
        {
            rackId = gpuId[..rack.Length];
            return true;
        }

        rackId = "";
        return false;
    }

    /// <summary>Parses an id without allocating: <paramref name="rackId"/> is a slice of <paramref name="gpuId"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> gpuId, out ReadOnlySpan<char> rackId, out int index)
    {
        rackId = default;
        var at = gpuId.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at <= 0 || !int.TryParse(gpuId[(at + Marker.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            index = -1;
            return false;
        }

        rackId = gpuId[..at];
        return true;
    }
}
