using TokenFactoryTwin.Abstractions.Ingest;

namespace TokenFactoryTwin.Grains.Ingest;

[GenerateSerializer, Alias("tft.InferenceEndpointState")]
public sealed class InferenceEndpointState
{
    [Id(0)] public InferenceEndpointSpec? Spec { get; set; }
}
