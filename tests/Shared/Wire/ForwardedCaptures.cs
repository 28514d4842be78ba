using Prometheus.Prompb;
using TokenFactoryTwin.Domain.Telemetry.Mapping;
using TokenFactoryTwin.Domain.Telemetry.Prometheus;

namespace TokenFactoryTwin.Tests.Shared.Wire;

/// <summary>A capture as a Prometheus server forwards it by remote write: a series per line, the target's labels added.</summary>
public static class ForwardedCaptures
{
    /// <param name="ms">The sample time of lines that carry none (the scrape's time, as Prometheus stamps it).</param>
    public static WriteRequest Of(string text, long ms, params (string Name, string Value)[] targetLabels)
    {
        var points = new List<MetricPoint>();
        PrometheusTextParser.Parse(text, null, points, []);
        var request = new WriteRequest();
        foreach (var point in points)
        {
            var series = new TimeSeries();
            series.Labels.Add(new Label { Name = "__name__", Value = point.Name });
            series.Labels.Add(point.Labels.Select(l => new Label { Name = l.Key, Value = l.Value }));
            series.Labels.Add(targetLabels.Select(l => new Label { Name = l.Name, Value = l.Value }));
            series.Samples.Add(new Sample { Value = point.Value, Timestamp = point.TimestampMs ?? ms });
            request.Timeseries.Add(series);
        }

        return request;
    }
}
