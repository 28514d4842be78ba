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

        // A JSON null in a list would reach the checks as a missing object: named here, and left out of the checks.
        var problems = new List<string>();
        spec = spec with
        {
            Halls = Entries(spec.Halls, "halls", problems),
            PowerNodes = Entries(spec.PowerNodes, "powerNodes", problems),
            Racks = Entries(spec.Racks, "racks", problems),
            Spines = Entries(spec.Spines, "spines", problems),
            Links = Entries(spec.Links, "links", problems),
            CostModel = spec.CostModel ?? new CostModelSpec(),
        };
        problems.AddRange(FacilityValidator.Validate(spec, catalog));
        spec = spec with { Carbon = CarbonFile.Read(spec.Carbon, directory, problems) };
        if (problems.Count > 0)
        {
            throw new FacilityFileException(source, problems);
        }

        return spec;
    }

    /// <summary>The list's entries, none if it is absent; each null entry is a problem naming its place.</summary>
    private static List<T> Entries<T>(IReadOnlyList<T?>? list, string name, List<string> problems)
        where T : class
    {
        if (list is null)
        {
            return [];
        }

        var entries = new List<T>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                problems.Add($"{name}[{i}]: is null; each entry must be an object");
            }
        }

        return entries;
    }
}
