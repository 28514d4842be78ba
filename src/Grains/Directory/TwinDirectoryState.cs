namespace TokenFactoryTwin.Grains.Directory;

[GenerateSerializer, Alias("tft.TwinDirectoryState")]
public sealed class TwinDirectoryState
{
    [Id(0)] public List<string> Facilities { get; set; } = [];
}
