using System.Text.Json;
using System.Text.Unicode;
using TokenFactoryTwin.Abstractions.Planning;
using TokenFactoryTwin.Domain.Json;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// Reads one scenario change from its JSON, refusing what is not one with the field and the reason: the planner API's
/// body (<c>POST /api/scenarios/{id}/changes</c>), and what the fuzzer feeds it.
/// </summary>
public static class ChangeJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static (ScenarioChange? Change, IReadOnlyList<ChangeProblem> Problems) Read(ReadOnlyMemory<byte> utf8)
    {
        // The JSON reader checks UTF-8 only when it decodes a string, and then throws InvalidOperationException, not
        // JsonException (the fuzzer found it with a broken byte inside "kind"): checked up front, such a body is refused.
        if (!Utf8.IsValid(utf8.Span))
        {
            return (null, [new("body", "is not valid UTF-8")]);
        }

        if (JsonEscapes.FindLoneSurrogate(utf8.Span) >= 0)
        {
            return (null, [new("body", $"is not valid JSON text: {JsonEscapes.LoneSurrogateReason}")]);
        }

        try
        {
            using var document = JsonDocument.Parse(utf8, DocumentOptions);
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
