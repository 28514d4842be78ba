using System.Text.Json;
using System.Text.RegularExpressions;
using TokenFactoryTwin.FaultTests.Infrastructure;

namespace TokenFactoryTwin.FaultTests.Deployment;

/// <summary>
/// One container of the rendered manifests run as a local process with the environment the pod would get: fields
/// of the downward API and secrets filled in, <c>$(VAR)</c> references expanded. Only what must differ on a shared
/// test machine differs: ports are free ones (put into the same variables the manifest sets them with), paths the
/// pod mounts live under the test's folder, and HTTP binds to loopback rather than every address.
/// </summary>
public sealed partial class ManifestProcess(ManagedProcess process, int httpPort, IReadOnlyList<string> probePaths) : IDisposable
{
    public ManagedProcess Process => process;

    public Uri Http => new($"http://127.0.0.1:{httpPort}");

    /// <summary>The paths of the container's startup, liveness and readiness probes.</summary>
    public IReadOnlyList<string> ProbePaths => probePaths;

    public static ManifestProcess Start(JsonElement container, string program, IReadOnlyDictionary<string, string> secrets, string folder)
    {
        var name = container.GetProperty("name").GetString()!;
        var ports = container.GetProperty("ports").EnumerateArray()
            .ToDictionary(p => p.GetProperty("containerPort").GetString()!, _ => FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var mounts = container.TryGetProperty("volumeMounts", out var m)
            ? m.EnumerateArray().Select(v => v.GetProperty("mountPath").GetString()!).ToList()
            : [];

        var env = new Dictionary<string, string>();
        foreach (var variable in container.GetProperty("env").EnumerateArray())
        {
            var value = Resolve(variable, env, secrets);
            if (ports.TryGetValue(value, out var port))
            {
                value = port;
            }
            else if (ports.Keys.FirstOrDefault(p => SetsPort(value, p)) is { } listened)
            {
                value = $"127.0.0.1:{ports[listened]}"; // an address and port: loopback here, every address in a pod
            }
            else if (mounts.Contains(value))
            {
                value = Path.Combine(folder, name + value);
                Directory.CreateDirectory(value);
            }

            env[variable.GetProperty("name").GetString()!] = value;
        }

        var httpPort = int.Parse(env["ASPNETCORE_HTTP_PORTS"], System.Globalization.CultureInfo.InvariantCulture);
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        env["DOTNET_gcServer"] = "0";
        var probes = new[] { "startupProbe", "livenessProbe", "readinessProbe" }
            .Select(p => container.GetProperty(p).GetProperty("httpGet").GetProperty("path").GetString()!).ToList();
        return new ManifestProcess(ManagedProcess.Start(name, "dotnet", [program], env, folder), httpPort, probes);
    }

    /// <summary>Whether a setting's value is <paramref name="port"/>, alone or as the port of an address (<c>0.0.0.0:4317</c>).</summary>
    public static bool SetsPort(string value, string port) =>
        value == port || value.EndsWith($":{port}", StringComparison.Ordinal);

    public void Dispose() => process.Dispose();

    private static string Resolve(JsonElement variable, Dictionary<string, string> resolved, IReadOnlyDictionary<string, string> secrets)
    {
        if (variable.TryGetProperty("value", out var literal))
        {
            return Reference().Replace(literal.GetString()!, r => resolved[r.Groups[1].Value]);
        }

        var from = variable.GetProperty("valueFrom");
        if (from.TryGetProperty("fieldRef", out var field))
        {
            Assert.Equal("status.podIP", field.GetProperty("fieldPath").GetString());
            return "127.0.0.1";
        }

        return secrets[from.GetProperty("secretKeyRef").GetProperty("key").GetString()!];
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
