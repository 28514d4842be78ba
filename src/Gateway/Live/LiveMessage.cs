namespace TokenFactoryTwin.Gateway.Live;

/// <summary>What a browser receives for one second: the frame, and the layout it is in (sent only when new to that browser).</summary>
public sealed record LiveMessage(LiveLayout Layout, byte[] Frame);
