using TokenFactoryTwin.FuzzTargets;

namespace TokenFactoryTwin.UnitTests.Telemetry;

/// <summary>
/// The coverage-guided fuzz targets (fuzz/FuzzTargets, run by fuzz/run.sh) replayed without the fuzzer: every seed of
/// their corpus is a real input each target must read, and every input the fuzzer saved as a crash or a hang
/// (tests/TestData/fuzz/&lt;target&gt;/) must now be read or refused as designed, never throw anything else.
/// </summary>
public sealed class FuzzTargetReplayTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");
    private static readonly string Findings = Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz");

    public static TheoryData<string, string> Seeds() => Files(Corpus);

    public static TheoryData<string, string> SavedFindings() => Files(Findings);

    public static TheoryData<string> Targets() => new(FuzzTargetCatalog.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_target_starts_from_seeds(string target)
    {
        Assert.True(Directory.Exists(Path.Combine(Corpus, target)), $"fuzz/corpus/{target} is missing");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(Corpus, target)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_is_read_by_its_target(string target, string file)
    {
        Assert.True(Find(target).Run(File.ReadAllBytes(Path.Combine(Corpus, target, file))), $"{target}/{file} was refused as a whole");
    }

    [Theory]
    [MemberData(nameof(SavedFindings))]
    public void A_saved_finding_is_read_or_refused_and_throws_nothing_else(string target, string file)
    {
        var error = Record.Exception(() => Find(target).Run(File.ReadAllBytes(Path.Combine(Findings, target, file))));

        Assert.Null(error);
    }

    [Fact]
    public void The_invalid_utf8_scenario_change_the_fuzzer_found_is_refused_with_the_reason()
    {
        var body = File.ReadAllBytes(Path.Combine(Findings, "scenario-change", "invalid-utf8-in-kind.json"));

        var (change, problems) = Domain.Planning.ChangeJson.Read(body);

        Assert.Null(change);
        Assert.Equal("is not valid UTF-8", Assert.Single(problems).Message);
    }

    private static IFuzzTarget Find(string target) =>
        FuzzTargetCatalog.Find(target) ?? throw new InvalidOperationException($"no fuzz target {target}");

    /// <summary>(target, file name) for every file in a folder per target; folders that are not a target are not inputs.</summary>
    private static TheoryData<string, string> Files(string root)
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargetCatalog.All.Select(t => t.Name).Where(t => Directory.Exists(Path.Combine(root, t))))
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, target)).Order(StringComparer.Ordinal))
            {
                data.Add(target, Path.GetFileName(file));
            }
        }

        return data;
    }
}
