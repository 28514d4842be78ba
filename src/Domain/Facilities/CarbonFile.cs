using TokenFactoryTwin.Abstractions.Topology;
using TokenFactoryTwin.Domain.Carbon;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>Checks a facility's carbon settings and reads the hourly series it names, adding what is wrong to the file's problems.</summary>
internal static class CarbonFile
{
    public static CarbonSpec? Read(CarbonSpec? carbon, string? directory, List<string> problems)
    {
        if (carbon is null)
        {
            return null;
        }

        if (carbon.GramsPerKwh is { } grams && (!double.IsFinite(grams) || grams < 0 || grams > CarbonCsv.MaxGramsPerKwh))
        {
            problems.Add($"carbon.gramsPerKwh must lie in 0..{CarbonCsv.MaxGramsPerKwh} (got {grams})");
        }

        if (carbon.HourlyCsv is not { Length: > 0 } name)
        {
            if (carbon.GramsPerKwh is null)
            {
                problems.Add("carbon needs gramsPerKwh or hourlyCsv");
            }

            return carbon with { Hourly = null };
        }

        var path = Path.Combine(directory ?? Directory.GetCurrentDirectory(), name);
        if (!File.Exists(path))
        {
            problems.Add($"carbon.hourlyCsv: '{name}' does not exist (looked for {path})");
            return carbon;
        }

        var (hours, bad) = CarbonCsv.Parse(File.ReadAllText(path));
        problems.AddRange(bad.Select(b => $"carbon.hourlyCsv '{name}': {b}"));
        return carbon with { Hourly = hours };
    }
}
