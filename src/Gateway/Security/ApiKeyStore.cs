using System.Security.Cryptography;
using System.Text;

namespace TokenFactoryTwin.Gateway.Security;

/// <summary>
/// The configured API keys (<c>Twin:ApiKeys</c>), held as SHA-256 hashes and compared in constant time. With no
/// keys configured the gateway is open (the local default), and says so at start-up.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly List<(byte[] Hash, ApiKeyEntry Entry)> _keys;

    public ApiKeyStore(IConfiguration configuration)
    {
        var entries = configuration.GetSection("Twin:ApiKeys").Get<List<ApiKeyEntry>>() ?? [];
        var invalid = entries.Where(e => string.IsNullOrWhiteSpace(e.Key) || e.Key.Length < 16 || e.Roles.Any(r => !TwinRoles.All.Contains(r))).ToList();
        if (invalid.Count > 0)
        {
            // Refusing to start beats running with a key that silently does nothing.
            throw new InvalidOperationException(
                $"Twin:ApiKeys: every key needs at least 16 characters and roles from {string.Join(", ", TwinRoles.All)}; check: {string.Join(", ", invalid.Select(e => e.Name is { Length: > 0 } ? e.Name : "(unnamed)"))}");
        }

        _keys = entries.Select(e => (Hash(e.Key), e)).ToList();
    }

    public bool Enabled => _keys.Count > 0;

    public IEnumerable<string> Names => _keys.Select(k => k.Entry.Name);

    public ApiKeyEntry? Find(string presented)
    {
        var hash = Hash(presented);
        ApiKeyEntry? found = null;
        foreach (var (candidate, entry) in _keys)
        {
            // Check every key so the time taken does not tell which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(candidate, hash))
            {
                found = entry;
            }
        }

        return found;
    }

    /// <summary>
    /// Whether an <c>authorization</c> value (<c>Bearer &lt;key&gt;</c>) may write telemetry, for listeners outside
    /// ASP.NET Core's authorization (OTLP/gRPC): open when no keys are configured, else a key with the ingest or admin role.
    /// </summary>
    public bool MayIngest(string? authorization)
    {
        if (!Enabled)
        {
            return true;
        }

        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return Find(authorization["Bearer ".Length..].Trim()) is { } entry
            && entry.Roles.Any(r => r is TwinRoles.Ingest or TwinRoles.Admin);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
