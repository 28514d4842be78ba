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
        rackId = "";
        index = -1;
        var at = gpuId.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at <= 0 || !int.TryParse(gpuId.AsSpan(at + Marker.Length), System.Globalization.NumberStyles.None, null, out index))
        {
            index = -1;
            return false;
        }

        rackId = gpuId[..at];
        return true;
    }
}
