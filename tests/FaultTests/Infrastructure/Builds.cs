using System.Reflection;

namespace TokenFactoryTwin.FaultTests.Infrastructure;

/// <summary>Where the silo and gateway this test assembly was built with live.</summary>
public static class Builds
{
    private static string Metadata(string key) => typeof(Builds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string Silo => Output("Silo");

    public static string Gateway => Output("Gateway");

    private static string Output(string project) =>
        Path.Combine(RepositoryRoot, "src", project, "bin", Metadata("Configuration"), "net10.0", $"TokenFactoryTwin.{project}.dll");
}
