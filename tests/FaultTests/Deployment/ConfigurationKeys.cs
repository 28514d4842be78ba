using System.Text.RegularExpressions;

namespace TokenFactoryTwin.FaultTests.Deployment;

/// <summary>
/// Whether the twin's code reads a setting an environment variable names (<c>Twin__ApiKeys__0__Key</c> is the key
/// <c>Twin:ApiKeys:[0]:Key</c>): a section it looks up by name, then properties of the options it binds there. A
/// misspelt variable is otherwise silently ignored by .NET's configuration, and a deployment runs on defaults.
/// </summary>
public sealed class ConfigurationKeys
{
    /// <summary>Read by ASP.NET Core and the .NET runtime themselves, or only used inside the manifest.</summary>
    private static readonly string[] Platform = ["ASPNETCORE_", "DOTNET_", "POD_IP"];

    private readonly string _source;

    private ConfigurationKeys(string source) => _source = source;

    /// <summary>All C# under <c>src/</c>, read once.</summary>
    public static ConfigurationKeys FromSource(string repositoryRoot) => new(string.Join('\n',
        Directory.EnumerateFiles(Path.Combine(repositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)));

    public bool IsRead(string variable)
    {
        if (Platform.Any(p => variable.StartsWith(p, StringComparison.Ordinal)))
        {
            return true;
        }

        var path = variable.Split("__").Where(s => !s.All(char.IsAsciiDigit)).ToArray();
        if (path is ["ConnectionStrings", var name])
        {
            return _source.Contains($"GetConnectionString(\"{name}\")", StringComparison.Ordinal);
        }

        // The longest leading section the code names as a string, then each further segment a settable property.
        for (var length = path.Length; length >= 1; length--)
        {
            var section = string.Join(':', path[..length]);
            if (_source.Contains($"\"{section}\"", StringComparison.Ordinal))
            {
                return path[length..].All(IsSettableProperty);
            }
        }

        return false;
    }

    private bool IsSettableProperty(string name) =>
        Regex.IsMatch(_source, $@"public [\w<>\[\]?, ]+ {Regex.Escape(name)} \{{ get; set; \}}");
}
