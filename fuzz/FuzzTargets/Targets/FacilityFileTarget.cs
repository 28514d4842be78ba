using TokenFactoryTwin.Domain.Catalog;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.FuzzTargets.Targets;

/// <summary>
/// A facility file (<c>Twin:FacilityFile</c>, read at start, as its bytes): whatever is wrong with it is one
/// <see cref="FacilityFileException"/> listing every problem. Files it names (an hourly carbon series) are looked
/// for in an empty folder, so a fuzzed name reads nothing of this machine.
/// </summary>
public sealed class FacilityFileTarget : IFuzzTarget
{
    private static readonly string EmptyFolder = Directory.CreateTempSubdirectory("tft-fuzz-").FullName;

    public string Name => "facility-file";

    public bool Run(ReadOnlyMemory<byte> input)
    {
        try
        {
            FacilityFile.Parse(input.Span, "fuzz.json", CatalogLoader.BuiltIn, EmptyFolder);
            return true;
        }
        catch (FacilityFileException)
        {
            return false;
        }
    }
}
