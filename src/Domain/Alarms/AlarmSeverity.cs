namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>Critical needs action now (a breaker may trip); warning means margin is gone or data is missing.</summary>
public enum AlarmSeverity
{
    Warning = 1,
    Critical = 2,
}
