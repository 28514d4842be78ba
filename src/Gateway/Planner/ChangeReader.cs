using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Planning;

namespace TokenFactoryTwin.Gateway.Planner;

/// <summary>Reads one change from a request body (at most <see cref="MaxBodyBytes"/>), refusing what is not one with the field and the reason.</summary>
public static class ChangeReader
{
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<(ScenarioChange? Change, IReadOnlyList<ChangeProblem> Problems)> Read(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, [new("body", $"is larger than {MaxBodyBytes / 1024} KiB")]);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.Length > MaxBodyBytes
            ? (null, [new("body", $"is larger than {MaxBodyBytes / 1024} KiB")])
            : ChangeJson.Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
