using System.Text;
using TokenFactoryTwin.Domain.Telemetry.Mapping;

namespace TokenFactoryTwin.UnitTests.Telemetry;

/// <summary>Everything a mapper made of a body, as text: two decoders of one request must make the same.</summary>
internal static class MappedFingerprint
{
    public static string Of(MappedTelemetry mapped)
    {
        var text = new StringBuilder();
        foreach (var host in mapped.Hosts)
        {
            var batch = host.Samples.Build();
            text.Append("host ").Append(host.Key).Append(' ').Append(host.IsRack).Append(host.IsGroup).AppendLine();
            for (var i = 0; i < batch.Count; i++)
            {
                text.Append("  ").Append(batch.Samples[i]).Append(" uuid=").Append(batch.UuidAt(i)).AppendLine();
            }
        }

        foreach (var tokens in mapped.Tokens)
        {
            text.Append("tokens ").Append(tokens).AppendLine();
        }

        foreach (var issue in mapped.Issues)
        {
            text.Append("issue ").Append(issue).AppendLine();
        }

        return text.Append("refused ").Append(mapped.Refused).Append(" ignored ").Append(mapped.Ignored).ToString();
    }
}
