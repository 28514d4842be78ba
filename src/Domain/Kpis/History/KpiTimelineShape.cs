namespace TokenFactoryTwin.Domain.Kpis.History;

/// <summary>
/// How a series keeps and stores its history. <paramref name="Points"/> points at one per flush within
/// <paramref name="Window"/>, stored as one record per <paramref name="Chunk"/> of time (chunks start
/// <paramref name="ChunkOffset"/> after the minute, so thousands of racks do not all store theirs in the same second),
/// the open chunk also stored every <paramref name="Checkpoint"/> when set; with <paramref name="Day"/>, a day at one
/// point a minute besides, stored one record per hour.
/// </summary>
public sealed record KpiTimelineShape(int Points, TimeSpan Window, TimeSpan Chunk, TimeSpan ChunkOffset, TimeSpan? Checkpoint, bool Day)
{
    /// <summary>The facility's and each hall's: the last hour at one point a flush, and a day at one a minute.</summary>
    public static KpiTimelineShape HourAndDay { get; } =
        new(3600, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), TimeSpan.Zero, TimeSpan.FromSeconds(10), Day: true);

    /// <summary>
    /// A rack's: the five minutes its detail charts, stored a sealed minute at a time only — 7,400 racks checkpointing
    /// every few seconds would be most of a store's writes for a chart few look at.
    /// </summary>
    public static KpiTimelineShape RecentRack(double phase) =>
        new(300, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(Math.Floor(60 * Math.Clamp(phase, 0, 1))), null, Day: false);

    /// <summary>Stored records of the flush tier: the window's chunks plus the open one.</summary>
    public int Slots => (int)Math.Ceiling(Window / Chunk) + 1;
}
