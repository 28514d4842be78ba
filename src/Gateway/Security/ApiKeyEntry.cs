namespace TokenFactoryTwin.Gateway.Security;

/// <summary>One configured key: a name for logs and rate limits (the key itself is never logged), the secret, its roles.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}
