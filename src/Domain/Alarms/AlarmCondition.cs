namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>
/// A condition that holds now. <see cref="Key"/> identifies it across reads (kind plus subject), so an alarm
/// that stays raised keeps the time it was first seen.
/// </summary>
/// <param name="Subject">The id of the thing at fault (power node, rack, link).</param>
/// <param name="Place">The id of where it shows: a rack id or a power node id, per <see cref="PlaceKind"/>.</param>
public sealed record AlarmCondition(
    string Key,
    string Kind,
    AlarmSeverity Severity,
    string Subject,
    string PlaceKind,
    string Place,
    string Message);
