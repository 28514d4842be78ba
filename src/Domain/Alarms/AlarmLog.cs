namespace TokenFactoryTwin.Domain.Alarms;

/// <summary>
/// The alarms raised now, each with the time it was first seen. Conditions that stop holding clear; one that
/// holds again later is a new alarm with a new time. Newest first, then the most severe, so what just went
/// wrong is at the top of the operators' list. Not thread-safe: one reader updates it once per read.
/// </summary>
public sealed class AlarmLog
{
    private Dictionary<string, Alarm> _raised = new(StringComparer.Ordinal);

    public IReadOnlyList<Alarm> Update(IEnumerable<AlarmCondition> conditions, DateTimeOffset now)
    {
        var next = new Dictionary<string, Alarm>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            next[condition.Key] = _raised.TryGetValue(condition.Key, out var earlier)
                ? earlier with { Condition = condition }
                : new Alarm(condition, now);
        }

        _raised = next;
        return next.Values
            .OrderByDescending(a => a.Since)
            .ThenByDescending(a => a.Condition.Severity)
            .ThenBy(a => a.Condition.Key, StringComparer.Ordinal)
            .ToList();
    }
}
