namespace TokenFactoryTwin.Domain.Flex;

/// <summary>
/// The order in which a flex plan caps: from every rack's current draw, step its cap down by
/// <see cref="StepShareOfRated"/> of its GPU's rating at a time, always taking next the step that costs the fewest
/// tokens/s per facility kW shed among the racks of the lowest priority that still have steps. One path serves every
/// target: a plan is the shortest prefix that sheds enough, so shedding more can only add steps, and each step loses
/// tokens or nothing (speed never rises as a cap falls). That is why a deeper shed never costs fewer tokens.
/// </summary>
public sealed class CapPath
{
    /// <summary>Each step lowers one rack's cap by this share of its GPU's rated power (the last step of a rack lands on its floor).</summary>
    public const double StepShareOfRated = 0.02;

    private readonly IReadOnlyList<FlexRack> _racks;
    private readonly List<(int Rack, double CapW, double ShedKw, double LostTokens)> _steps = [];

    public CapPath(IReadOnlyList<FlexRack> racks)
    {
        _racks = racks;
        var count = racks.Count;
        var cap = new double[count];
        var kw = new double[count];
        var tokens = new double[count];
        var nextCap = new double[count];
        var nextKw = new double[count];
        var nextTokens = new double[count];
        // One queue per priority, keyed by tokens/s lost per kW: plain double keys keep the heap cheap at 7,400 racks.
        var queues = new SortedDictionary<int, PriorityQueue<int, double>>();
        foreach (var rack in racks)
        {
            var i = rack.Index;
            (cap[i], kw[i], tokens[i]) = (rack.StartCapW, rack.FacilityKwAt(rack.StartCapW), rack.TokensAt(rack.StartCapW));
            Offer(rack);
        }

        double shed = 0, lost = 0;
        foreach (var queue in queues.Values)
        {
            while (queue.TryDequeue(out var i, out _))
            {
                Take(i);
            }
        }

        void Take(int i)
        {
            shed += kw[i] - nextKw[i];
            lost += Math.Max(0, tokens[i] - nextTokens[i]);
            (cap[i], kw[i], tokens[i]) = (nextCap[i], nextKw[i], nextTokens[i]);
            _steps.Add((i, cap[i], shed, lost));
            Offer(racks[i]);
        }

        // Works out a rack's next step once, when it is offered; taking it reads the figures back.
        void Offer(FlexRack rack)
        {
            var i = rack.Index;
            if (cap[i] <= rack.FloorCapW)
            {
                return;
            }

            var to = Math.Max(rack.FloorCapW, cap[i] - (StepShareOfRated * rack.Curve.RatedW));
            (nextCap[i], nextKw[i], nextTokens[i]) = (to, rack.FacilityKwAt(to), rack.TokensAt(to));
            var shedKw = kw[i] - nextKw[i];
            var cost = shedKw > 1e-12 ? Math.Max(0, tokens[i] - nextTokens[i]) / shedKw : double.PositiveInfinity;
            if (!queues.TryGetValue(rack.Priority, out var queue))
            {
                queues[rack.Priority] = queue = new PriorityQueue<int, double>(count);
            }

            queue.Enqueue(i, cost);
        }
    }

    /// <summary>Facility kW shed with every step taken: the most this plan can shed within the floors.</summary>
    public double MaxShedKw => _steps.Count == 0 ? 0 : _steps[^1].ShedKw;

    /// <summary>How many steps shed at least <paramref name="targetKw"/> (all of them when the target is beyond reach).</summary>
    public int StepsFor(double targetKw)
    {
        if (targetKw <= 0)
        {
            return 0;
        }

        int lo = 0, hi = _steps.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_steps[mid].ShedKw >= targetKw)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return _steps.Count == 0 ? 0 : lo + 1;
    }

    /// <summary>Tokens/s lost by the first <paramref name="steps"/> steps.</summary>
    public double LostAfter(int steps) => steps == 0 ? 0 : _steps[steps - 1].LostTokens;

    /// <summary>Facility kW shed by the first <paramref name="steps"/> steps.</summary>
    public double ShedAfter(int steps) => steps == 0 ? 0 : _steps[steps - 1].ShedKw;

    /// <summary>
    /// The plan that sheds <paramref name="targetKw"/> exactly (or all it can): the steps before the one that crosses the
    /// target, and that step taken only as deep as the target needs (its rack's cap found by bisection). Shedding more
    /// takes the same steps and more of the last one, so tokens lost still never fall as the target rises.
    /// </summary>
    public (double[] Caps, double ShedKw, double LostTokens) PlanFor(double targetKw)
    {
        var steps = StepsFor(targetKw);
        var caps = CapsAfter(steps);
        if (steps == 0 || ShedAfter(steps) <= targetKw)
        {
            return (caps, ShedAfter(steps), LostAfter(steps));
        }

        var (index, deepest, _, _) = _steps[steps - 1];
        var rack = _racks[index];
        var from = rack.StartCapW;
        for (var s = steps - 2; s >= 0; s--)
        {
            if (_steps[s].Rack == index)
            {
                from = _steps[s].CapW;
                break;
            }
        }

        var need = targetKw - ShedAfter(steps - 1);
        double lo = deepest, hi = from;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            if (rack.FacilityKwAt(from) - rack.FacilityKwAt(mid) >= need)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        caps[index] = lo;
        return (caps, ShedAfter(steps - 1) + rack.FacilityKwAt(from) - rack.FacilityKwAt(lo),
            LostAfter(steps - 1) + Math.Max(0, rack.TokensAt(from) - rack.TokensAt(lo)));
    }

    /// <summary>Every rack's cap after the first <paramref name="steps"/> steps.</summary>
    public double[] CapsAfter(int steps)
    {
        var caps = _racks.Select(r => r.StartCapW).ToArray();
        for (var s = 0; s < steps; s++)
        {
            caps[_steps[s].Rack] = _steps[s].CapW;
        }

        return caps;
    }
}
