using System.Reflection;

namespace TokenFactoryTwin.UnitTests.Facilities;

/// <summary>The default facility document as shipped, for tests that break it on purpose.</summary>
internal static class CatalogLoaderAccess
{
    public static string DefaultFacilityJson()
    {
        var assembly = typeof(TokenFactoryTwin.Domain.Facilities.FacilityFile).Assembly;
        using var stream = assembly.GetManifestResourceStream("facilities/default.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
