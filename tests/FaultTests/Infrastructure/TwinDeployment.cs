using System.Net.Http.Json;
using System.Text.Json;

namespace TokenFactoryTwin.FaultTests.Infrastructure;

/// <summary>
/// A twin of real processes on loopback: a Redis server, silos and a gateway in cluster mode, under a cluster id of
/// its own. Every process is stopped by PID when the deployment is disposed.
/// </summary>
public sealed class TwinDeployment : IAsyncDisposable
{
    public const int FlushPeriodMs = 500;

    private readonly string _clusterId = $"fault-{Guid.NewGuid():N}"[..18];
    private readonly List<SiloProcess> _silos = [];
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Dictionary<ManagedProcess, int> _extraGateways = [];

    /// <param name="settings">Extra settings for every silo and gateway, as environment variables (<c>Twin__StalePeriods</c> …).</param>
    public TwinDeployment(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        Folder = Path.Combine(Path.GetTempPath(), "tft-fault-tests", _clusterId);
        Redis = new RedisServer(Path.Combine(Folder, "redis"));
        GatewayPort = FreePorts.Next();
    }

    public string Folder { get; }

    public RedisServer Redis { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public ManagedProcess? Gateway { get; private set; }

    public int GatewayPort { get; }

    public Uri GatewayUrl => new($"http://127.0.0.1:{GatewayPort}");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Scenario ids the gateway acknowledged with 201: none may be lost.</summary>
    public List<string> AcknowledgedScenarios { get; } = [];

    public async Task<SiloProcess> StartSilo(int? siloPort = null, int? gatewayPort = null, int? webPort = null, string? facilityFile = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var silo = new SiloProcess(siloPort ?? FreePorts.Next(), gatewayPort ?? FreePorts.Next(), webPort ?? FreePorts.Next());
        silo.Process = ManagedProcess.Start($"silo-{silo.SiloPort}", "dotnet", [Builds.Silo], Environment(new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{silo.WebPort}",
            ["Orleans__Endpoints__SiloPort"] = $"{silo.SiloPort}",
            ["Orleans__Endpoints__GatewayPort"] = $"{silo.GatewayPort}",
            ["Twin__FlushPeriodMs"] = $"{FlushPeriodMs}",
            ["Twin__FacilityFile"] = facilityFile ?? "",
        }, settings), Folder);
        _silos.Add(silo);
        await Eventually.Until(async () => await Healthy(silo.WebPort) || silo.Process.HasExited, TimeSpan.FromSeconds(60), $"silo {silo.SiloPort} healthy");
        Assert.False(silo.Process.HasExited, silo.Process.Log());
        return silo;
    }

    public async Task StartGateway(string facilityId = "demo", IReadOnlyDictionary<string, string>? settings = null)
    {
        Gateway = ManagedProcess.Start("gateway", "dotnet", [Builds.Gateway], Environment(new()
        {
            ["ASPNETCORE_URLS"] = GatewayUrl.ToString(),
            ["Twin__FacilityId"] = facilityId,
            // Deployments may run side by side: none of them takes OTLP/gRPC's fixed port.
            ["Twin__Otlp__GrpcEndpoint"] = "",
        }, settings), Folder);
        await Eventually.Until(async () => await FacilityAnswers() || Gateway.HasExited, TimeSpan.FromSeconds(60), "the gateway serving the facility");
        Assert.False(Gateway.HasExited, Gateway.Log());
    }

    /// <summary>Another gateway on a port of its own, not waited for: it may never get into the cluster.</summary>
    public Task<ManagedProcess> StartExtraGateway(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePorts.Next();
        var process = ManagedProcess.Start($"gateway-{port}", "dotnet", [Builds.Gateway], Environment(new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Twin__FacilityId"] = "demo",
            ["Twin__Otlp__GrpcEndpoint"] = "",
        }, settings), Folder);
        _extraGateways[process] = port;
        return Task.FromResult(process);
    }

    /// <summary>Whether an extra gateway serves the facility.</summary>
    public async Task<bool> Answers(ManagedProcess gateway)
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{_extraGateways[gateway]}/api/facility");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<JsonElement> Get(string path) => await Http.GetFromJsonAsync<JsonElement>(new Uri(GatewayUrl, path));

    public async Task<bool> FacilityAnswers()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(GatewayUrl, "/api/facility"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        foreach (var extra in _extraGateways.Keys)
        {
            extra.Dispose();
        }

        foreach (var silo in _silos)
        {
            silo.Process?.Dispose();
        }

        Redis.Dispose();
        Http.Dispose();
        await Task.CompletedTask;
        if (System.Environment.GetEnvironmentVariable("TFT_KEEP_FAULT_LOGS") == "1")
        {
            return; // kept for reading: the processes' logs are in Folder
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a failed run are worth keeping; the folder is under the temp directory.
        }
    }

    private Dictionary<string, string> Environment(Dictionary<string, string> own, IReadOnlyDictionary<string, string>? perProcess = null)
    {
        foreach (var (key, value) in perProcess ?? new Dictionary<string, string>())
        {
            own[key] = value;
        }

        own["Twin__Store"] = "redis";
        own["ConnectionStrings__redis"] = Redis.ConnectionString;
        own["Orleans__ClusterId"] = _clusterId;
        own["Orleans__ServiceId"] = _clusterId;
        own["Logging__LogLevel__Default"] = "Warning";
        own["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in _settings)
        {
            own[key] = value;
        }

        return own;
    }

    private async Task<bool> Healthy(int port)
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{port}/health");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
