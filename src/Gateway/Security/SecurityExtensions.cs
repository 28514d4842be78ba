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
        var backpressure = builder.Configuration.GetSection("Twin:Backpressure").Get<BackpressureOptions>() ?? new BackpressureOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Overload protection for the whole gateway: writes beyond the concurrency and queue limits are refused at
            // once. Reads are not limited here: they are cheap and the live view holds its stream open.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => HttpMethods.IsGet(context.Request.Method)
                || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetConcurrencyLimiter("writes", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = backpressure.MaxConcurrentWrites,
                    QueueLimit = backpressure.MaxQueuedWrites,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
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
                // A per-key window says when it reopens; the concurrency limit does not, and frees up within moments.
                var perKey = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry);
                var seconds = perKey ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : backpressure.RetryAfterSeconds;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var detail = perKey
                    ? $"This key may make {limits.PermitsPerWindow} writes per {limits.WindowSeconds:0.###} s; retry after {seconds} s."
                    : $"The gateway is at capacity ({backpressure.MaxConcurrentWrites} writes at work, {backpressure.MaxQueuedWrites} waiting); nothing was applied; retry after {seconds} s.";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail,
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
            if (logger.IsEnabled(LogLevel.Information))
            {
                var names = keys.Names.ToList();
                var listed = string.Join(", ", names);
                GatewayLog.KeysOn(logger, names.Count, listed);
            }
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
