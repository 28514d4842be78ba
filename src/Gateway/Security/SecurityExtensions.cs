using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace TokenFactoryTwin.Gateway.Security;

public static class SecurityExtensions
{
    public const string WritePolicy = "writes";

    /// <summary>API keys with roles from <c>Twin:ApiKeys</c>, role policies, and a rate limit per key on writes.</summary>
    public static WebApplicationBuilder AddTwinSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TwinRoles.IngestPolicy, p => p.RequireRole(TwinRoles.Ingest, TwinRoles.Admin))
            .AddPolicy(TwinRoles.PlannerPolicy, p => p.RequireRole(TwinRoles.Planner, TwinRoles.Admin))
            .AddPolicy(TwinRoles.AdminPolicy, p => p.RequireRole(TwinRoles.Admin));

        var limits = builder.Configuration.GetSection("Twin:RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(WritePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                PartitionOf(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, token) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
                    ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds))
                    : (int)Math.Ceiling(limits.WindowSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"This key may make {limits.PermitsPerWindow} writes per {limits.WindowSeconds:0.###} s; retry after {seconds} s.",
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    public static WebApplication UseTwinSecurity(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TokenFactoryTwin.Gateway.Security");
        if (keys.Enabled)
        {
            GatewayLog.KeysOn(logger, keys.Names.Count(), string.Join(", ", keys.Names));
        }
        else
        {
            GatewayLog.KeysOff(logger);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Per key name when a key was given; per client address otherwise (keys off, or a refused key).</summary>
    private static string PartitionOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } && name != ApiKeyAuthenticationHandler.OpenName
            ? $"key:{name}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}
