using TokenFactoryTwin.FuzzTargets.Targets;

namespace TokenFactoryTwin.FuzzTargets;

/// <summary>Every fuzz target, by name: what <c>fuzz/run.sh</c> runs and the replay tests run their inputs through.</summary>
public static class FuzzTargetCatalog
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new PrometheusTextTarget(),
        new OtlpJsonTarget(),
        new OtlpProtobufTarget(),
        new RemoteWriteTarget(),
        new SnappyRemoteWriteTarget(),
        new NativeBatchTarget(),
        new FacilityFileTarget(),
        new ScenarioChangeTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
