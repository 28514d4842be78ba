using System.Text.Json;
using TokenFactoryTwin.Abstractions.Planning;

namespace TokenFactoryTwin.Gateway.Planner;

/// <summary>Reads one change from a request body, refusing what is not one with the field and the reason.</summary>
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
        if (buffer.Length > MaxBodyBytes)
        {
            return (null, [new("body", $"is larger than {MaxBodyBytes / 1024} KiB")]);
        }

        buffer.Position = 0;
        try
        {
            using var document = await JsonDocument.ParseAsync(buffer, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }, cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new("body", "must be one change: a JSON object with a kind")]);
            }

            if (!root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || !ScenarioChangeKinds.All.Contains(kind.GetString()))
            {
                return (null, [new("kind", $"is required and must be one of {string.Join(", ", ScenarioChangeKinds.All)}")]);
            }

            var change = root.Deserialize<ScenarioChange>(PlannerJson.Options);
            return change is null ? (null, [new("body", "is empty")]) : (change, []);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, [new(field, $"is not valid here: {e.Message.Split(" Path:")[0]}")]);
        }
    }
}
