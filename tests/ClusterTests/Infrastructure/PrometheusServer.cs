using System.Diagnostics;
using System.Globalization;

namespace TokenFactoryTwin.ClusterTests.Infrastructure;

/// <summary>
/// Debian's real <c>prometheus</c> binary (<c>apt-get install prometheus</c>; scripts/test.sh installs it), started
/// on a free loopback port with its own data folder and the configuration a test gives it, and stopped by its PID.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _folder;
    private readonly string _log;

    private PrometheusServer(Process process, string folder, string log, Uri url)
    {
        _process = process;
        _folder = folder;
        _log = log;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>What it has logged so far, for a failing test's message.</summary>
    public string Log => File.Exists(_log) ? File.ReadAllText(_log) : "";

    public static async Task<PrometheusServer> Start(string configYaml)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install Debian's prometheus package (scripts/test.sh does).");
        var folder = Directory.CreateTempSubdirectory("tft-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, configYaml);
        var port = FreePorts.Next();
        var log = Path.Combine(folder, "prometheus.log");
        var start = new ProcessStartInfo("/bin/sh")
        {
            // Through sh only to send its output to a file (no pipe to drain); exec keeps the PID prometheus's own.
            ArgumentList =
            {
                "-c",
                $"exec {Binary} --config.file='{config}' --storage.tsdb.path='{Path.Combine(folder, "data")}' "
                    + $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} >'{log}' 2>&1",
            },
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var server = new PrometheusServer(process, folder, log, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.Url };
        try
        {
            await Eventually.Until(async () =>
            {
                Assert.False(process.HasExited, $"prometheus exited: {server.Log}");
                try
                {
                    return (await http.GetAsync("/-/ready")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(30), "prometheus to be ready");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
