namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>A raised alarm: a condition and when it was first seen to hold.</summary>
public sealed record Alarm(AlarmCondition Condition, DateTimeOffset Since);
