using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Power;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// Node loads held in arrays so one more rack can be added up its two cord chains in a few steps, instead of a full
/// <see cref="PowerFlow"/> pass per rack. Starts from a full pass; failed (dead) nodes stay dead.
/// </summary>
internal sealed class PowerNodeIndex
{
    private readonly PowerNodeSpec[] _nodes;
    private readonly Dictionary<string, int> _index;
    private readonly int[] _upstream;
    private readonly double[] _load;
    private readonly double[] _partnerLost;
    private readonly bool[] _dead;

    public PowerNodeIndex(IReadOnlyList<PowerNodeSpec> nodes, IReadOnlyList<PowerConstraint> start)
    {
        _nodes = [.. nodes];
        _index = new Dictionary<string, int>(_nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < _nodes.Length; i++)
        {
            _index[_nodes[i].Id] = i;
        }

        _upstream = _nodes.Select(n => n.Upstream is { } up && _index.TryGetValue(up, out var at) ? at : -1).ToArray();
        _load = start.Select(c => c.LoadKw).ToArray();
        _partnerLost = start.Select(c => c.LoadIfPartnerLostKw).ToArray();
        _dead = start.Select(c => c.Failed).ToArray();
    }

    /// <summary>The smallest N+1 margin on either cord's chain (live nodes only): where the next rack is best placed.</summary>
    public double MarginIfPartnerLost(string a, string? b) => Math.Min(ChainMargin(a), b is null ? double.PositiveInfinity : ChainMargin(b));

    public double MinMarginIfPartnerLost()
    {
        var min = double.PositiveInfinity;
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (!_dead[i])
            {
                min = Math.Min(min, _nodes[i].DeratedKw - _partnerLost[i]);
            }
        }

        return double.IsPositiveInfinity(min) ? 0 : min;
    }

    public void AddRack(string a, string? b, double itKw)
    {
        var aLive = _index.TryGetValue(a, out var ai) && !_dead[ai];
        var bi = -1;
        var bLive = b is not null && _index.TryGetValue(b, out bi) && !_dead[bi];
        var (cordA, cordB) = CordSplit.Split(itKw, b is not null, aLive, bLive);
        if (aLive)
        {
            AddUp(ai, cordA);
        }

        if (bLive)
        {
            AddUp(bi, cordB);
        }
    }

    /// <summary>Every live node over its derated rating, now or with its partner lost, that was not over at the start.</summary>
    public List<string> Violations(HashSet<string> brokenAtStart)
    {
        var violations = new List<string>();
        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            if (_dead[i] || brokenAtStart.Contains($"power:{node.Id}"))
            {
                continue;
            }

            if (_load[i] > node.DeratedKw)
            {
                violations.Add(ViolationText.Over(node, _load[i]));
            }
            else if (_partnerLost[i] > node.DeratedKw)
            {
                violations.Add(ViolationText.OverIfPartnerLost(node, _partnerLost[i]));
            }
        }

        return violations;
    }

    private void AddUp(int node, CordLoad cord)
    {
        for (var i = node; i >= 0; i = _upstream[i])
        {
            _load[i] += cord.LoadKw;
            _partnerLost[i] += cord.LoadIfPartnerLostKw;
        }
    }

    private double ChainMargin(string id)
    {
        if (!_index.TryGetValue(id, out var start) || _dead[start])
        {
            return double.PositiveInfinity;
        }

        var min = double.PositiveInfinity;
        for (var i = start; i >= 0; i = _upstream[i])
        {
            min = Math.Min(min, _nodes[i].DeratedKw - _partnerLost[i]);
        }

        return min;
    }
}
