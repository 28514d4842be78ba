using TokenFactoryTwin.Abstractions.Telemetry;

namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// What a native batch holds once read: its samples grouped by the rack or host they go to, in the order first
/// seen, and the samples refused on reading, by index. <see cref="Refusal"/> is set, and nothing else, when the
/// body as a whole is not a telemetry batch.
/// </summary>
public sealed class NativeBatchContent
{
    private readonly List<NativeDestination> _destinations = [];
    private readonly List<IngestError> _errors = [];
    private readonly Dictionary<string, NativeDestination> _racks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeDestination> _hosts = new(StringComparer.Ordinal);
    private NativeDestination? _lastRack;

    private NativeBatchContent(string? refusal) => Refusal = refusal;

    public NativeBatchContent()
        : this(null)
    {
    }

    public string? Refusal { get; }

    /// <summary>How many samples the batch held, refused ones included.</summary>
    public int Samples { get; internal set; }

    public IReadOnlyList<NativeDestination> Destinations => _destinations;

    public IReadOnlyList<IngestError> Errors => _errors;

    public static NativeBatchContent Refused(string reason) => new(reason);

    internal void Refuse(int index, string reason) => _errors.Add(new IngestError(index, reason));

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
