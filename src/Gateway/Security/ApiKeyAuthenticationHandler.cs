using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TokenFactoryTwin.Gateway.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> against <see cref="ApiKeyStore"/>. With no keys configured every caller is
/// "local" with every role. Refusals are problem details: 401 (no or unknown key) with <c>WWW-Authenticate</c>,
/// 403 (a key without the role).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OpenName = "local";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Enabled)
        {
            return Task.FromResult(Success(OpenName, TwinRoles.All));
        }

        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header is not 'Bearer <key>'"));
        }

        var entry = keys.Find(header["Bearer ".Length..].Trim());
        return Task.FromResult(entry is null
            ? AuthenticateResult.Fail("the API key is not known")
            : Success(entry.Name, entry.Roles));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await Write(StatusCodes.Status401Unauthorized, "Unauthorized",
            result.Failure is { } failure
                ? $"{failure.Message}. Send 'Authorization: Bearer <key>' with a key from Twin:ApiKeys."
                : "This endpoint needs an API key: send 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Write(StatusCodes.Status403Forbidden, "Forbidden", $"The API key '{Context.User.Identity?.Name}' does not hold the role this endpoint needs.");

    private static AuthenticateResult Success(string name, IEnumerable<string> roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private Task Write(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
}
