using System.Text;
using Microsoft.Net.Http.Headers;

namespace TokenFactoryTwin.Gateway.Hosting;

/// <summary>
/// Refuses a body whose <c>Content-Type</c> names a charset .NET does not know (<c>application/json; charset=bogus</c>)
/// with 415 and the reason. ASP.NET Core's JSON binding throws <see cref="InvalidOperationException"/> on such a
/// charset, which would be a 500 for what is the client's mistake.
/// </summary>
public sealed class UnknownCharsetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType is { Length: > 0 } type
            && MediaTypeHeaderValue.TryParse(type, out var media)
            && media.Charset is { Length: > 0 } charset
            && !IsKnown(charset.Value!))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"The Content-Type's charset '{charset.Value}' is not an encoding this gateway knows; send UTF-8.").ExecuteAsync(context);
        }

        return next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
