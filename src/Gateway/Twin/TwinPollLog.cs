namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>What <see cref="TwinPoll{T}"/> logs.</summary>
internal static partial class TwinPollLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Poll}: not read this time: {Reason}")]
    public static partial void NotRead(ILogger logger, string poll, string reason);
}
