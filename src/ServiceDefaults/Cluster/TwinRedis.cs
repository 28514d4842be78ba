using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace TokenFactoryTwin.ServiceDefaults.Cluster;

/// <summary>The Redis connection silos and gateways share in cluster mode (<c>Twin:Store = redis</c>).</summary>
public static class TwinRedis
{
    public const string StoreKey = "Twin:Store";
    public const string Embedded = "embedded";
    public const string Redis = "redis";

    public static bool IsSelected(IConfiguration configuration) =>
        string.Equals(configuration[StoreKey], Redis, StringComparison.OrdinalIgnoreCase);

    /// <summary>The options from <c>ConnectionStrings:redis</c>; a clear error when it is missing.</summary>
    public static ConfigurationOptions Options(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("redis");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("Twin:Store is 'redis' but ConnectionStrings:redis is not set (e.g. 127.0.0.1:6379).");
        }

        var options = ConfigurationOptions.Parse(connection);
        // Keep retrying while Redis is away instead of failing: the twin recovers by itself when Redis returns.
        options.AbortOnConnectFail = false;
        return options;
    }
}
