namespace TokenFactoryTwin.Abstractions.Grains;

/// <summary>Which facilities this cluster twins, so a gateway can find them without reading the facility file.</summary>
[Alias("tft.ITwinDirectoryGrain")]
public interface ITwinDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "twin";

    [Alias("Register")]
    Task Register(string facilityId);

    [Alias("GetFacilities")]
    Task<IReadOnlyList<string>> GetFacilities();
}
