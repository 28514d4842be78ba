namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>A facility file that cannot be twinned: every problem found, each naming the offending id.</summary>
public sealed class FacilityFileException(string source, IReadOnlyList<string> problems)
    : Exception($"Facility file '{source}' has {problems.Count} problem(s):{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", problems)}")
{
    public string FileName { get; } = source;

    public IReadOnlyList<string> Problems { get; } = problems;
}
