using TokenFactoryTwin.Abstractions.Kpis;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.BrowserBench;

/// <summary>
/// A gigawatt-class facility of GB300 NVL72 racks in the shape the gateway reads from the twin: halls of rows of
/// racks, an A/B power tree (feeds → hall switchgear → half-row busways), one uplink bundle per rack. Each
/// <see cref="Next"/> moves every rack's load a little, as a real second would, so every frame differs.
/// A few racks are stale, some virtual, one hot, two links down and one busway overloaded, so every part of the
/// view has something to draw.
/// </summary>
public sealed class SyntheticFacility
{
    private const int Gpus = 72;
    private const double TokensPerGpu = 6000;
    private const double RackKwAtFull = 135;
    private const double ProvisionedKw = Gpus * 2.1;
    private const double Pue = 1.12;

    private readonly Random _random = new(42);
    private readonly (string Id, string Hall, int Row, int Position, string BuswayA, string BuswayB, bool Virtual)[] _racks;
    private readonly double[] _level;
    private readonly List<(string Id, string Name, string Kind, string Side, double RatingKw, string? Upstream)> _nodes = [];
    private readonly int _halls;

    public SyntheticFacility(int racks)
    {
        _halls = Math.Max(1, (int)Math.Ceiling(racks / 1850.0));
        var perHall = (int)Math.Ceiling(racks / (double)_halls);
        const int positions = 50;
        _nodes.Add(("feed-a", "Utility feed A", "utilityFeed", "A", 1_400_000, null));
        _nodes.Add(("feed-b", "Utility feed B", "utilityFeed", "B", 1_400_000, null));
        var list = new List<(string, string, int, int, string, string, bool)>();
        for (var h = 1; h <= _halls; h++)
        {
            _nodes.Add(($"sg-{h}a", $"Hall {h} switchgear A", "switchboard", "A", 320_000, "feed-a"));
            _nodes.Add(($"sg-{h}b", $"Hall {h} switchgear B", "switchboard", "B", 320_000, "feed-b"));
            for (var i = 0; i < perHall && list.Count < racks; i++)
            {
                var row = i / positions + 1;
                var position = i % positions + 1;
                var half = position <= positions / 2 ? 1 : 2;
                var busway = $"bw-{h}-{row:d2}-{half}";
                if (position == 1 || position == positions / 2 + 1)
                {
                    // The first busway of hall 1 is rated too low on purpose: the view must show a node over its rating.
                    var rating = h == 1 && row == 1 && half == 1 ? 1_500 : 4_500;
                    _nodes.Add(($"{busway}a", $"Busway H{h} row {row} half {half} A", "busway", "A", rating, $"sg-{h}a"));
                    _nodes.Add(($"{busway}b", $"Busway H{h} row {row} half {half} B", "busway", "B", rating, $"sg-{h}b"));
                }

                list.Add(($"h{h}-r{row:d2}-{position:d2}", $"hall-{h}", row, position, $"{busway}a", $"{busway}b", h == _halls && i >= perHall - 100));
            }
        }

        _racks = [.. list];
        _level = _racks.Select((_, i) => 0.55 + 0.35 * (0.5 + 0.5 * Math.Sin(i / 97.0))).ToArray();
    }

    public int Racks => _racks.Length;

    public string RackId(int index) => _racks[index].Id;

    public (string PowerA, string PowerB) Cords(string rackId) =>
        _racks.FirstOrDefault(r => r.Id == rackId) is { Id: not null } r ? (r.BuswayA, r.BuswayB) : ("", "");

    public FacilityView Next(DateTimeOffset now)
    {
        var racks = new List<RackView>(_racks.Length);
        var nodeLoad = _nodes.ToDictionary(n => n.Id, _ => 0.0);
        var nodeLost = _nodes.ToDictionary(n => n.Id, _ => 0.0);
        var byId = _nodes.ToDictionary(n => n.Id);
        double tokens = 0, itKw = 0;
        var reporting = 0;
        var stale = 0;
        for (var i = 0; i < _racks.Length; i++)
        {
            var r = _racks[i];
            _level[i] = Math.Clamp(_level[i] + (_random.NextDouble() - 0.5) * 0.04, 0.2, 1);
            var isStale = i % 1000 == 17;
            var level = isStale ? 0 : _level[i];
            var kw = isStale ? 0 : RackKwAtFull * (0.35 + 0.65 * level);
            var tps = TokensPerGpu * Gpus * level;
            var temperature = i == 123 ? 88.5 : 32 + 30 * level + _random.NextDouble();
            racks.Add(new RackView(r.Id, r.Hall, "gb300-nvl72", "gb300", Gpus, isStale ? 0 : Gpus, r.Row, r.Position, "simulated",
                r.Virtual, isStale, tps, tps * 0.2, kw, ProvisionedKw, level, temperature, kw > 0 ? tps / kw : 0, now));
            tokens += tps;
            itKw += kw;
            reporting += isStale ? 0 : Gpus;
            stale += isStale ? 1 : 0;
            for (var id = r.BuswayA; id is not null; id = byId[id].Upstream)
            {
                nodeLoad[id] += kw / 2;
                nodeLost[id] += kw;
            }

            for (var id = r.BuswayB; id is not null; id = byId[id].Upstream)
            {
                nodeLoad[id] += kw / 2;
                nodeLost[id] += kw;
            }
        }

        var power = _nodes.Select(n => new PowerNodeStatus(n.Id, n.Name, n.Kind, n.Side, n.RatingKw, n.RatingKw * 0.8, nodeLoad[n.Id],
            n.RatingKw * 0.8 - nodeLoad[n.Id], nodeLost[n.Id], n.Upstream, 25, 0, 1, now)).ToList();
        var links = _racks.Select((r, i) => new NetworkLinkStatus($"up-{r.Id}", r.Id, $"spine-{i % 64 + 1}", 800, 8,
            6400 * _level[i] * 0.6, _level[i] * 0.6, i % 3001 != 5, false)).ToList();
        var facilityKw = itKw * Pue;
        var provisioned = _racks.Length * ProvisionedKw;
        var costPerHour = _racks.Length * Gpus * 2.652;
        var kpis = new TwinKpis("giga", "Synthetic 1 GW site (GB300 NVL72)", now, _racks.Length, _racks.Length * Gpus, reporting, tokens,
            tokens * 0.2, itKw, facilityKw, provisioned, Pue, tokens / (facilityKw / 1000), tokens / (provisioned / 1000), costPerHour,
            costPerHour / (tokens * 3600) * 1e6, stale, _racks.Count(r => r.Virtual), false);
        var halls = Enumerable.Range(1, _halls).Select(h => kpis with { Id = $"hall-{h}", Name = $"Hall {h} - GB300 NVL72 (liquid)" }).ToList();
        return new FacilityView(now, false, kpis, halls, racks, power, links);
    }
}
