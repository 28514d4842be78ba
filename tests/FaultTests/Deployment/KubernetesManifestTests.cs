using System.Text.Json;
using System.Xml.Linq;
using HealthPaths = Microsoft.Extensions.Hosting.Extensions;
using TokenFactoryTwin.FaultTests.Infrastructure;

namespace TokenFactoryTwin.FaultTests.Deployment;

/// <summary>
/// The Kubernetes manifests under <c>deploy/</c>, rendered by <c>kubectl kustomize</c>: every image, port, probe and
/// setting they name exists in the code, the pods are locked down, and the settings they give really run a twin.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Twin = Path.Combine(Builds.RepositoryRoot, "deploy", "twin");

    /// <summary>The workloads the manifests run, by the project whose container image they use.</summary>
    private static readonly Dictionary<string, string> Projects = new() { ["silo"] = "Silo", ["gateway"] = "Gateway" };

    [Fact]
    public void Every_image_port_probe_and_setting_the_manifests_name_exists_in_the_code()
    {
        var manifests = RenderedManifests.Render(Twin);
        var keys = ConfigurationKeys.FromSource(Builds.RepositoryRoot);
        var containers = manifests.Containers().ToList();
        Assert.Equal(["gateway", "silo"], containers.Select(c => c.Container.GetProperty("name").GetString()).Order());

        foreach (var (_, container) in containers)
        {
            var name = container.GetProperty("name").GetString()!;
            var project = XDocument.Load(Path.Combine(Builds.RepositoryRoot, "src", Projects[name], $"{Projects[name]}.csproj"));
            var image = container.GetProperty("image").GetString()!;
            Assert.Equal(project.Descendants("ContainerRepository").Single().Value, image.Split(':')[0]);

            var env = Environment(container);
            var ports = container.GetProperty("ports").EnumerateArray()
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("containerPort").GetString()!);
            Assert.Equal(project.Descendants("ContainerPort").Select(p => p.Attribute("Include")!.Value).Order(), ports.Values.Order());
            foreach (var (portName, port) in ports)
            {
                // Each port is one the process is told to listen on, so the manifest and the settings cannot drift apart.
                Assert.True(env.Any(e => ManifestProcess.SetsPort(e.Value, port)
                        && (e.Key is "ASPNETCORE_HTTP_PORTS" or "Twin__Otlp__GrpcEndpoint" || e.Key.StartsWith("Orleans__Endpoints__", StringComparison.Ordinal))),
                    $"{name}: port {portName} ({port}) is not set by any of its settings");
            }

            foreach (var variable in env.Keys)
            {
                Assert.True(keys.IsRead(variable), $"{name}: the setting {variable} is read nowhere in src/");
            }

            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                var get = container.GetProperty(probe).GetProperty("httpGet");
                Assert.Contains(get.GetProperty("port").GetString(), ports.Keys);
                Assert.Contains(get.GetProperty("path").GetString(),
                    new[] { HealthPaths.AlivenessEndpointPath, HealthPaths.ReadinessEndpointPath, HealthPaths.HealthEndpointPath });
            }

            Assert.Equal(HealthPaths.ReadinessEndpointPath, container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
            Assert.Equal(HealthPaths.AlivenessEndpointPath, container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        }
    }

    [Fact]
    public void Pods_run_unprivileged_on_a_read_only_file_system_with_sized_requests_and_budgets()
    {
        var manifests = RenderedManifests.Render(Twin);
        foreach (var (workload, container) in manifests.Containers())
        {
            var pod = workload.GetProperty("spec").GetProperty("template").GetProperty("spec");
            Assert.Equal("true", pod.GetProperty("securityContext").GetProperty("runAsNonRoot").GetString());
            var security = container.GetProperty("securityContext");
            Assert.Equal("true", security.GetProperty("readOnlyRootFilesystem").GetString());
            Assert.Equal("false", security.GetProperty("allowPrivilegeEscalation").GetString());
            Assert.Equal(["ALL"], security.GetProperty("capabilities").GetProperty("drop").EnumerateArray().Select(d => d.GetString()));
            var requests = container.GetProperty("resources").GetProperty("requests");
            Assert.True(requests.TryGetProperty("cpu", out _) && requests.TryGetProperty("memory", out _));
            Assert.True(container.GetProperty("resources").GetProperty("limits").TryGetProperty("memory", out _));
            // .NET writes to /tmp (diagnostics, temporary files): a read-only root needs it mounted writable.
            Assert.Contains(container.GetProperty("volumeMounts").EnumerateArray(), m => m.GetProperty("mountPath").GetString() == "/tmp");

            var labels = RenderedManifests.Labels(workload.GetProperty("spec").GetProperty("template").GetProperty("metadata"));
            Assert.Contains(manifests.OfKind("PodDisruptionBudget"), budget => Selects(budget.GetProperty("spec").GetProperty("selector"), labels));
            Assert.Contains(manifests.OfKind("Service"), service => SelectsPod(service, labels));
        }

        // The ingress and the ServiceMonitor point at ports the Services have.
        var ingressBackend = manifests.OfKind("Ingress").Single().GetProperty("spec").GetProperty("rules")[0]
            .GetProperty("http").GetProperty("paths")[0].GetProperty("backend").GetProperty("service");
        var gateway = manifests.Named("Service", ingressBackend.GetProperty("name").GetString()!);
        Assert.Contains(gateway.GetProperty("spec").GetProperty("ports").EnumerateArray(),
            p => p.GetProperty("name").GetString() == ingressBackend.GetProperty("port").GetProperty("name").GetString());
        Assert.NotEmpty(manifests.OfKind("Ingress").Single().GetProperty("spec").GetProperty("tls").EnumerateArray());
        var monitor = manifests.OfKind("ServiceMonitor").Single().GetProperty("spec");
        Assert.Equal("/metrics", monitor.GetProperty("endpoints")[0].GetProperty("path").GetString());
        Assert.All(manifests.OfKind("Service"), service => Assert.Contains(service.GetProperty("spec").GetProperty("ports").EnumerateArray(),
            p => p.GetProperty("name").GetString() == monitor.GetProperty("endpoints")[0].GetProperty("port").GetString()));
    }

    [Fact]
    public void The_trial_redis_renders()
    {
        var redis = RenderedManifests.Render(Path.Combine(Builds.RepositoryRoot, "deploy", "redis-for-trials"));
        Assert.Single(redis.OfKind("StatefulSet"));
        Assert.Single(redis.OfKind("Service"));
    }

    private static bool SelectsPod(JsonElement service, IReadOnlyDictionary<string, string> podLabels) =>
        service.GetProperty("spec").GetProperty("selector").EnumerateObject().All(p => podLabels.TryGetValue(p.Name, out var v) && v == p.Value.GetString());

    private static bool Selects(JsonElement selector, IReadOnlyDictionary<string, string> labels) =>
        selector.GetProperty("matchLabels").EnumerateObject().All(p => labels.TryGetValue(p.Name, out var v) && v == p.Value.GetString());

    /// <summary>A container's environment: literal values, and the source of each one that comes from elsewhere.</summary>
    public static Dictionary<string, string> Environment(JsonElement container) =>
        container.GetProperty("env").EnumerateArray().ToDictionary(
            e => e.GetProperty("name").GetString()!,
            e => e.TryGetProperty("value", out var value) ? value.GetString()! : $"valueFrom:{e.GetProperty("valueFrom")}");
}
