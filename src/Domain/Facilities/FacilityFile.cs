using System.Text.Json;
using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Catalog;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>
/// Reads a facility file and validates it against the catalog. Either the whole facility is returned or a
/// <see cref="FacilityFileException"/> lists every problem: nothing is ever half-loaded.
/// </summary>
public static class FacilityFile
{
    public const string DefaultName = "built-in default facility (facilities/default.json)";

    public static FacilitySpec LoadDefault(TwinCatalog catalog) =>
        Parse(CatalogLoader.ReadResource("facilities/default.json"), DefaultName, catalog);

    public static FacilitySpec Load(string path, TwinCatalog catalog)
    {
        if (!File.Exists(path))
        {
            throw new FacilityFileException(path, [$"the file does not exist (full path: {Path.GetFullPath(path)})"]);
        }

        return Parse(File.ReadAllText(path), path, catalog, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <param name="directory">Where files the facility names (an hourly carbon series) are read from; the working directory when null.</param>
    public static FacilitySpec Parse(string json, string source, TwinCatalog catalog, string? directory = null)
    {
        FacilitySpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<FacilitySpec>(json, FacilityJson.Options);
        }
        catch (JsonException e)
        {
            throw new FacilityFileException(source, [$"not a valid facility document: {e.Message}"]);
        }

        if (spec is null)
        {
            throw new FacilityFileException(source, ["the document is empty"]);
        }

        spec = spec with
        {
            Halls = spec.Halls ?? [],
            PowerNodes = spec.PowerNodes ?? [],
            Racks = spec.Racks ?? [],
            Spines = spec.Spines ?? [],
            Links = spec.Links ?? [],
            CostModel = spec.CostModel ?? new CostModelSpec(),
        };
        var problems = new List<string>(FacilityValidator.Validate(spec, catalog));
        spec = spec with { Carbon = CarbonFile.Read(spec.Carbon, directory, problems) };
        if (problems.Count > 0)
        {
            throw new FacilityFileException(source, problems);
        }

        return spec;
    }
}
