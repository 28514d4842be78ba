namespace TokenFactoryTwin.Tests.Shared;

/// <summary>
/// Debian's <c>redis-server</c> on a free loopback port with its own folder, append-only with fsync on every write,
/// so what Redis acknowledged survives a stop; it can be stopped and started again on the same data.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _directory;
    private ManagedProcess? _process;

    public RedisServer(string directory)
    {
        _directory = directory;
        Port = FreePorts.Next();
        Directory.CreateDirectory(directory);
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task Start()
    {
        _process = ManagedProcess.Start("redis", "redis-server",
            ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", _directory,
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes"],
            new Dictionary<string, string>(), _directory);
        await Eventually.Until(async () => await Tcp.Accepts(Port), TimeSpan.FromSeconds(10), "redis-server accepting connections");
    }

    public void Stop() => _process?.Stop();

    public void Dispose() => _process?.Dispose();
}
