namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// What a native batch holds once read: its samples by the rack or host they go to (one destination per rack or
/// host of <c>samples</c>, in the order first seen, and one per entry of <c>racks</c> and <c>hosts</c>), and what
/// was refused on reading. <see cref="Refusal"/> is set, and nothing else, when the body as a whole is not a
/// telemetry batch.
/// </summary>
public sealed class NativeBatchContent
{
    private readonly List<SampleDestination> _destinations = [];
    private readonly List<NativeRefusal> _refused = [];
    private readonly Dictionary<string, SampleDestination> _racks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SampleDestination> _hosts = new(StringComparer.Ordinal);
    private SampleDestination? _lastRack;

    private NativeBatchContent(string? refusal) => Refusal = refusal;

    public NativeBatchContent()
        : this(null)
    {
    }

    public string? Refusal { get; }

    public IReadOnlyList<SampleDestination> Destinations => _destinations;

    public IReadOnlyList<NativeRefusal> Refused => _refused;

    /// <summary>How many samples the refusals cost.</summary>
    public int RefusedSamples { get; private set; }

    public static NativeBatchContent Unreadable(string reason) => new(reason);

    internal void Refuse(int index, string reason) => Refuse(new NativeRefusal(reason, index));

    internal void Refuse(NativeRefusal refusal)
    {
        _refused.Add(refusal);
        RefusedSamples += refusal.Samples;
    }

    /// <summary>A destination of its own for one entry of <c>racks</c> or <c>hosts</c>: one grain call per entry.</summary>
    internal SampleDestination ForGroup(string key, bool isRack, int gpus)
    {
        var destination = new SampleDestination(key, isRack, isGroup: true, gpus);
        _destinations.Add(destination);
        return destination;
    }

    /// <summary>The destination for a rack, found by the id's characters: consecutive samples of one rack are the common case.</summary>
    internal SampleDestination ForRack(ReadOnlySpan<char> rackId)
    {
        if (_lastRack is { } last && rackId.SequenceEqual(last.Key))
        {
            return last;
        }

        return _lastRack = Find(_racks, rackId, isRack: true);
    }

    internal SampleDestination ForHost(ReadOnlySpan<char> host) => Find(_hosts, host, isRack: false);

    private SampleDestination Find(Dictionary<string, SampleDestination> byKey, ReadOnlySpan<char> key, bool isRack)
    {
        var lookup = byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(key, out var destination))
        {
            destination = new SampleDestination(new string(key), isRack);
            byKey.Add(destination.Key, destination);
            _destinations.Add(destination);
        }

        return destination;
    }
}
