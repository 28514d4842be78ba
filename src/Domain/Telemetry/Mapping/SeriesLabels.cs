namespace TokenFactoryTwin.Domain.Telemetry.Mapping;

/// <summary>
/// The labels of one series that say which GPU a reading is of, whatever the format: its host (<c>Hostname</c>,
/// else <c>hostname</c>, else OpenTelemetry's <c>host.name</c>), the exporter's GPU index (<c>gpu</c>), its
/// <c>UUID</c>, and under MIG the instance (<c>GPU_I_ID</c>). A parser offers each label it reads and the others
/// are dropped unread, so a series costs no string for the driver and PCI labels exporters add. The workload a GPU
/// serves is read too: dcgm-exporter's Kubernetes labels (<c>namespace</c>, <c>pod</c>, <c>container</c>) and an
/// inference server's <c>model_name</c>. The first offer of a key wins: a parser offers a point's own attributes
/// before the ones it inherits.
/// </summary>
public ref struct SeriesLabels : ILabelSink
{
    /// <summary>The label names read, for formats that can test a name before reading its value.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["Hostname", "hostname", "host.name", "gpu", "UUID", "GPU_I_ID", "namespace", "pod", "container", "model_name"];

    private ReadOnlySpan<char> _hostnameLabel;
    private ReadOnlySpan<char> _lowerHostname;
    private ReadOnlySpan<char> _hostName;
    private ReadOnlySpan<char> _gpu;
    private ReadOnlySpan<char> _uuid;
    private ReadOnlySpan<char> _migInstance;
    private ReadOnlySpan<char> _namespace;
    private ReadOnlySpan<char> _pod;
    private ReadOnlySpan<char> _container;
    private ReadOnlySpan<char> _model;
    private int _present;

    public void Offer(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        switch (key)
        {
            case "Hostname": Keep(0, ref _hostnameLabel, value); break;
            case "hostname": Keep(1, ref _lowerHostname, value); break;
            case "host.name": Keep(2, ref _hostName, value); break;
            case "gpu": Keep(3, ref _gpu, value); break;
            case "UUID": Keep(4, ref _uuid, value); break;
            case "GPU_I_ID": Keep(5, ref _migInstance, value); break;
            case "namespace": Keep(6, ref _namespace, value); break;
            case "pod": Keep(7, ref _pod, value); break;
            case "container": Keep(8, ref _container, value); break;
            case "model_name": Keep(9, ref _model, value); break;
        }
    }

    /// <summary>dcgm-exporter's <c>Hostname</c> label alone, as error messages name it.</summary>
    public readonly bool TryGetHostnameLabel(out ReadOnlySpan<char> hostname) => Get(0, _hostnameLabel, out hostname);

    /// <summary>The host the series names, by the first of its host labels present (an empty one counts).</summary>
    public readonly bool TryGetHost(out ReadOnlySpan<char> host) =>
        Get(0, _hostnameLabel, out host) || Get(1, _lowerHostname, out host) || Get(2, _hostName, out host);

    /// <summary>OpenTelemetry's <c>host.name</c> alone: an OTLP resource names the host its inference server runs on.</summary>
    public readonly bool TryGetHostName(out ReadOnlySpan<char> host) => Get(2, _hostName, out host);

    public readonly bool TryGetGpu(out ReadOnlySpan<char> gpu) => Get(3, _gpu, out gpu);

    public readonly bool TryGetUuid(out ReadOnlySpan<char> uuid) => Get(4, _uuid, out uuid);

    public readonly bool TryGetMigInstance(out ReadOnlySpan<char> instance) => Get(5, _migInstance, out instance);

    /// <summary>The Kubernetes namespace of the pod holding the GPU: the tenant.</summary>
    public readonly bool TryGetNamespace(out ReadOnlySpan<char> tenant) => Get(6, _namespace, out tenant);

    public readonly bool TryGetPod(out ReadOnlySpan<char> pod) => Get(7, _pod, out pod);

    public readonly bool TryGetContainer(out ReadOnlySpan<char> container) => Get(8, _container, out container);

    /// <summary>The model an inference server's series names (vLLM, SGLang: <c>model_name</c>).</summary>
    public readonly bool TryGetModel(out ReadOnlySpan<char> model) => Get(9, _model, out model);

    private void Keep(int bit, ref ReadOnlySpan<char> slot, ReadOnlySpan<char> value)
    {
        if ((_present & (1 << bit)) == 0)
        {
            _present |= 1 << bit;
            slot = value;
        }
    }

    private readonly bool Get(int bit, ReadOnlySpan<char> slot, out ReadOnlySpan<char> value)
    {
        value = slot;
        return (_present & (1 << bit)) != 0;
    }
}
