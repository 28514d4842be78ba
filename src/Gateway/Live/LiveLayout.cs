using System.Text.Json;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Gateway.Twin;

namespace TokenFactoryTwin.Gateway.Live;

/// <summary>
/// The part of the live view that changes only when racks, power nodes or links are added or removed: rack ids and
/// places, rack types, cords, node ratings, link ends. Sent to a browser once (and again when it changes), so the
/// per-second frame carries only numbers in this layout's order — at 7,400 racks that is what keeps a frame small.
/// </summary>
public sealed class LiveLayout
{
    private LiveLayout(long signature, byte[] json, Dictionary<string, int> racks, Dictionary<string, int> power, Dictionary<string, int> links)
    {
        Signature = signature;
        Json = json;
        RackIndex = racks;
        PowerIndex = power;
        LinkIndex = links;
    }

    /// <summary>Identifies the layout; frames name it so a browser can tell a frame from a layout it has not seen.</summary>
    public long Signature { get; }

    /// <summary>The layout as compact UTF-8 JSON, serialised once for every browser.</summary>
    public byte[] Json { get; }

    public IReadOnlyDictionary<string, int> RackIndex { get; }

    public IReadOnlyDictionary<string, int> PowerIndex { get; }

    public IReadOnlyDictionary<string, int> LinkIndex { get; }

    /// <summary>
    /// An order-independent hash of everything the layout holds, cheap enough to compute every second
    /// (the facility's lists carry no ordering promise).
    /// </summary>
    public static long SignatureOf(FacilityView view)
    {
        long hash = view.Racks.Count * 1_000_003L + view.Power.Count * 10_007L + view.Links.Count;
        foreach (var rack in view.Racks)
        {
            hash += Mix(HashCode.Combine(rack.Id, rack.Hall, rack.Row, rack.Position, rack.Virtual, rack.RackType, rack.PowerA, rack.PowerB));
        }

        foreach (var node in view.Power)
        {
            hash += Mix(HashCode.Combine(node.Id, node.DeratedKw, node.Upstream));
        }

        foreach (var link in view.Links)
        {
            hash += Mix(HashCode.Combine(link.Id, link.Rack, link.CapacityGbps, link.Count));
        }

        foreach (var hall in view.Halls)
        {
            hash += Mix(HashCode.Combine(hall.Id, hall.Name));
        }

        return hash;
    }

    /// <remarks>
    /// The racks' cords come from their own snapshots: reading them from the topology instead cost a 16 MB message at a
    /// gigawatt on every layout change, and a starting facility changes its layout as its racks first report.
    /// </remarks>
    public static LiveLayout Build(FacilityView view)
    {
        var hallIds = view.Halls.Select(h => h.Id).ToList();
        foreach (var rack in view.Racks)
        {
            if (!hallIds.Contains(rack.Hall))
            {
                hallIds.Add(rack.Hall);
            }
        }

        var hallIndex = hallIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var racks = view.Racks
            .OrderBy(r => hallIndex[r.Hall]).ThenBy(r => r.Row).ThenBy(r => r.Position).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var rackIndex = racks.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var powerIndex = view.Power.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var linkIndex = view.Links.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var rackTypes = racks.Select(r => r.RackType).Distinct(StringComparer.Ordinal).ToList();
        var typeIndex = rackTypes.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);

        var signature = SignatureOf(view);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("v", signature.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("facility", view.Facility.Id);
            json.WriteString("name", view.Facility.Name);

            json.WriteStartArray("halls");
            foreach (var id in hallIds)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("name", view.Halls.FirstOrDefault(h => h.Id == id)?.Name ?? id);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("rackTypes");
            rackTypes.ForEach(json.WriteStringValue);
            json.WriteEndArray();

            json.WriteStartObject("racks");
            Column(json, "id", racks, r => json.WriteStringValue(r.Id));
            Column(json, "hall", racks, r => json.WriteNumberValue(hallIndex[r.Hall]));
            Column(json, "row", racks, r => json.WriteNumberValue(r.Row));
            Column(json, "pos", racks, r => json.WriteNumberValue(r.Position));
            Column(json, "type", racks, r => json.WriteNumberValue(typeIndex[r.RackType]));
            Column(json, "gpus", racks, r => json.WriteNumberValue(r.Gpus));
            Column(json, "virtual", racks, r => json.WriteNumberValue(r.Virtual ? 1 : 0));
            Column(json, "powerA", racks, r => json.WriteNumberValue(NodeOf(r.PowerA, powerIndex)));
            Column(json, "powerB", racks, r => json.WriteNumberValue(NodeOf(r.PowerB, powerIndex)));
            json.WriteEndObject();

            json.WriteStartArray("power");
            foreach (var node in view.Power)
            {
                json.WriteStartObject();
                json.WriteString("id", node.Id);
                json.WriteString("name", node.Name);
                json.WriteString("kind", node.Kind);
                json.WriteString("side", node.Side);
                json.WriteNumber("ratingKw", node.RatingKw);
                json.WriteNumber("deratedKw", node.DeratedKw);
                json.WriteNumber("upstream", node.Upstream is { } up && powerIndex.TryGetValue(up, out var u) ? u : -1);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("links");
            Column(json, "id", view.Links, l => json.WriteStringValue(l.Id));
            Column(json, "rack", view.Links, l => json.WriteNumberValue(rackIndex.GetValueOrDefault(l.Rack, -1)));
            Column(json, "spine", view.Links, l => json.WriteStringValue(l.Spine));
            Column(json, "capacityGbps", view.Links, l => json.WriteNumberValue(l.CapacityGbps * l.Count));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return new LiveLayout(signature, buffer.ToArray(), rackIndex, powerIndex, linkIndex);
    }

    private static int NodeOf(string? node, Dictionary<string, int> power) =>
        node is not null && power.TryGetValue(node, out var index) ? index : -1;

    private static void Column<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            write(item);
        }

        json.WriteEndArray();
    }

    private static long Mix(int value)
    {
        // SplitMix64's finaliser: spreads a 32-bit hash over 64 bits so sums of many hashes rarely collide.
        var z = (ulong)(uint)value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)(z ^ (z >> 31));
    }
}
