using TokenFactoryTwin.Domain.Telemetry;
using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.FuzzTargets;

/// <summary>
/// What the gateway does with the samples a body mapped to before any grain sees them: build each destination's
/// packed batch and check every sample the way its rack will. Run on fuzzed input, it proves a parser cannot hand on
/// a batch that breaks the next stage.
/// </summary>
internal static class MappedChecks
{
    private const int RackGpus = 72;

    public static void Check(MappedTelemetry mapped) => Check(mapped.Hosts);

    public static void Check(IReadOnlyList<SampleDestination> destinations)
    {
        foreach (var destination in destinations)
        {
            var batch = destination.Samples.Build();
            foreach (ref readonly var sample in batch.Samples)
            {
                _ = SampleValidator.Check(sample, RackGpus, FuzzFixtures.Now, SampleLimits.Default);
            }
        }
    }
}
