using TokenFactoryTwin.Abstractions.Kpis;

namespace TokenFactoryTwin.Domain.Power;

/// <summary>
/// The newest statuses of each downstream branch of a power node, kept to pass on with the node's own: a branch
/// report older than or as old as the one held is ignored, as its load is. A silent branch's statuses stay, with
/// their versions, so the facility keeps showing them as the node keeps its load; a forgotten source's go.
/// </summary>
public sealed class PowerBranchStatuses
{
    private readonly Dictionary<string, (long Version, IReadOnlyList<PowerNodeStatus> Statuses)> _branches = new(StringComparer.Ordinal);
    private int _count;

    /// <returns>False when the report is not newer than the one held from its source, and was ignored.</returns>
    public bool Offer(PowerBranchReport report)
    {
        var source = report.Load.SourceId;
        if (_branches.TryGetValue(source, out var held))
        {
            if (held.Version >= report.Load.Version)
            {
                return false;
            }

            _count -= held.Statuses.Count;
        }

        _branches[source] = (report.Load.Version, report.Statuses);
        _count += report.Statuses.Count;
        return true;
    }

    public void Forget(string sourceId)
    {
        if (_branches.Remove(sourceId, out var held))
        {
            _count -= held.Statuses.Count;
        }
    }

    /// <summary>The node's own status first, then every status of every branch below it.</summary>
    public IReadOnlyList<PowerNodeStatus> With(PowerNodeStatus own)
    {
        var all = new List<PowerNodeStatus>(_count + 1) { own };
        foreach (var (_, statuses) in _branches.Values)
        {
            all.AddRange(statuses);
        }

        return all;
    }
}
