using System.Collections.Concurrent;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Simulation;

/// <summary>The workload traces shipped with the catalog (<c>catalog/traces</c>), parsed once per process.</summary>
public static class TraceLibrary
{
    private static readonly ConcurrentDictionary<string, WorkloadTrace> Cache = new(StringComparer.Ordinal);

    /// <summary>The names a facility file may use in a <c>trace</c> load curve.</summary>
    public static IReadOnlyList<string> Names { get; } = ["azure-code-2023", "azure-conv-2023"];

    public static bool Exists(string name) => Names.Contains(name);

    public static WorkloadTrace Get(string name) => Cache.GetOrAdd(name, static n =>
    {
        var file = n switch
        {
            "azure-code-2023" => "AzureLLMInferenceTrace_code_2023.csv",
            "azure-conv-2023" => "AzureLLMInferenceTrace_conv_2023.csv",
            _ => throw new ArgumentException($"Unknown workload trace '{n}'; known: {string.Join(", ", Names)}."),
        };
        using var reader = new StringReader(CatalogLoader.ReadResource($"traces/{file}"));
        return WorkloadTrace.Parse(n, reader);
    });
}
