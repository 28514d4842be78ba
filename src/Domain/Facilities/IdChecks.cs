using TokenFactoryTwin.Abstractions;

namespace TokenFactoryTwin.Domain.Facilities;

/// <summary>Ids: present, free of the key separator and spaces, and used once.</summary>
internal static class IdChecks
{
    public static HashSet<string> Unique(List<string> problems, string what, IEnumerable<string?> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids.OfType<string>())
        {
            if (!seen.Add(id))
            {
                problems.Add($"{what} '{id}': the id is used twice");
            }
        }

        return seen;
    }

    public static void Check(List<string> problems, string what, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"{what}: an id is required");
        }
        else if (id.Contains(TwinKeys.Separator) || id.Any(char.IsWhiteSpace))
        {
            problems.Add($"{what} '{id}': ids may not contain '{TwinKeys.Separator}' or spaces");
        }
    }
}
