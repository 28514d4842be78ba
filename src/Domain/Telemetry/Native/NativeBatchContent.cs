namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// What a native batch holds once read: its samples by the rack or host they go to (one destination per rack or
/// host of <c>samples</c>, in the order first seen, and one per entry of <c>racks</c> and <c>hosts</c>), and what
/// was refused on reading. <see cref="Refusal"/> is set, and nothing else, when the body as a whole is not a
/// telemetry batch.
/// </summary>
public sealed class NativeBatchContent
{
    private readonly List<NativeDestination> _destinations = [];
    private readonly List<NativeRefusal> _refused = [];
    private readonly Dictionary<string, NativeDestination> _racks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeDestination> _hosts = new(StringComparer.Ordinal);
    private NativeDestination? _lastRack;

    private NativeBatchContent(string? refusal) => Refusal = refusal;

    public NativeBatchContent()
        : this(null)
    {
    }

    public string? Refusal { get; }

    public IReadOnlyList<NativeDestination> Destinations => _destinations;

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
    internal NativeDestination ForGroup(string key, bool isRack, int gpus)
    {
        var destination = new NativeDestination(key, isRack, isGroup: true, gpus);
        _destinations.Add(destination);
        return destination;
    }

    /// <summary>The destination for a rack, found by the id's characters: consecutive samples of one rack are the common case.</summary>
    internal NativeDestination ForRack(ReadOnlySpan<char> rackId)
    {
        if (_lastRack is { } last && rackId.SequenceEqual(last.Key))
        {
            return last;
        }

        return _lastRack = Find(_racks, rackId, isRack: true);
    }

    internal NativeDestination ForHost(ReadOnlySpan<char> host) => Find(_hosts, host, isRack: false);

    private NativeDestination Find(Dictionary<string, NativeDestination> byKey, ReadOnlySpan<char> key, bool isRack)
    {
        var lookup = byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(key, out var destination))
        {
            destination = new NativeDestination(new string(key), isRack);
            byKey.Add(destination.Key, destination);
            _destinations.Add(destination);
        }

        return destination;
    }
}
