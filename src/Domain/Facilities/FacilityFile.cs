using System.Text;
using System.Text.Json;
using System.Text.Unicode;
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

        // Read as the UTF-8 it is: a gigawatt's file is 16 MB, and decoding it to a string for the JSON reader to encode
        // back took about 0.4 s of the silo's start.
        return Parse(File.ReadAllBytes(path), path, catalog, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <param name="directory">Where files the facility names (an hourly carbon series) are read from; the working directory when null.</param>
    public static FacilitySpec Parse(string json, string source, TwinCatalog catalog, string? directory = null) =>
        Parse(Encoding.UTF8.GetBytes(json), source, catalog, directory);

    /// <param name="utf8Json">The document as UTF-8, with or without a byte order mark.</param>
    /// <param name="directory">Where files the facility names (an hourly carbon series) are read from; the working directory when null.</param>
    public static FacilitySpec Parse(ReadOnlySpan<byte> utf8Json, string source, TwinCatalog catalog, string? directory = null)
    {
        if (utf8Json.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8Json = utf8Json[Encoding.UTF8.Preamble.Length..];
        }

        if (!Utf8.IsValid(utf8Json))
        {
            throw new FacilityFileException(source, ["the file is not valid UTF-8"]);
        }

        FacilitySpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<FacilitySpec>(utf8Json, FacilityJson.Options);
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
