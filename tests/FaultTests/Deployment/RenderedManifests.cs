using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace TokenFactoryTwin.FaultTests.Deployment;

/// <summary>
/// A kustomization under <c>deploy/</c> as <c>kubectl kustomize</c> renders it, each object read into JSON (every
/// scalar a string, as YAML leaves it) for the checks to walk.
/// </summary>
public sealed class RenderedManifests(IReadOnlyList<JsonElement> objects)
{
    public IReadOnlyList<JsonElement> Objects => objects;

    public static RenderedManifests Render(string kustomization)
    {
        var info = new ProcessStartInfo("kubectl", ["kustomize", kustomization])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
        var errors = kubectl.StandardError.ReadToEndAsync();
        var yaml = kubectl.StandardOutput.ReadToEnd();
        kubectl.WaitForExit();
        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize {kustomization} failed: {errors.Result}");
        return new RenderedManifests(Parse(yaml));
    }

    public IEnumerable<JsonElement> OfKind(string kind) => objects.Where(o => o.GetProperty("kind").GetString() == kind);

    public JsonElement Named(string kind, string name) =>
        OfKind(kind).Single(o => o.GetProperty("metadata").GetProperty("name").GetString() == name);

    /// <summary>Every container of every Deployment and StatefulSet, with the workload it belongs to.</summary>
    public IEnumerable<(JsonElement Workload, JsonElement Container)> Containers() =>
        OfKind("Deployment").Concat(OfKind("StatefulSet")).SelectMany(w =>
            w.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray().Select(c => (w, c)));

    public static IReadOnlyDictionary<string, string> Labels(JsonElement labelled) =>
        labelled.TryGetProperty("labels", out var labels)
            ? labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : new Dictionary<string, string>();

    private static List<JsonElement> Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var json = new SerializerBuilder().JsonCompatible().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var objects = new List<JsonElement>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize(parser);
            parser.TryConsume<DocumentEnd>(out _);
            if (document is not null)
            {
                objects.Add(JsonDocument.Parse(json.Serialize(document)).RootElement.Clone());
            }
        }

        return objects;
    }
}
