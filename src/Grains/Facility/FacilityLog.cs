using Microsoft.Extensions.Logging;

namespace TokenFactoryTwin.Grains.Facility;

internal static partial class FacilityLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Facility {FacilityId} configured: {Halls} halls, {Nodes} power nodes, {Links} links and {Racks} racks in {Seconds:F1} s")]
    public static partial void Configured(ILogger logger, string facilityId, int halls, int nodes, int links, int racks, double seconds);
}
