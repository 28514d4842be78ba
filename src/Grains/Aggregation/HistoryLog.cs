using Microsoft.Extensions.Logging;

namespace TokenFactoryTwin.Grains.Aggregation;

internal static partial class HistoryLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "History record {Name} of {Grain} not stored ({Reason}); its points stay in memory")]
    public static partial void WriteFailed(ILogger logger, string name, string grain, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History record {Name} of {Grain} not read ({Reason}); the series starts without it")]
    public static partial void ReadFailed(ILogger logger, string name, string grain, string reason);
}
