namespace TokenFactoryTwin.Abstractions.Ingest;

/// <summary>An inference server (vLLM, SGLang, TensorRT-LLM, Dynamo …) and the twin GPUs it runs on; its tokens are spread evenly over them.</summary>
[GenerateSerializer, Immutable, Alias("tft.InferenceEndpointSpec")]
public sealed record InferenceEndpointSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Gpus);
