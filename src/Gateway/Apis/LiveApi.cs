using System.Text;
using Microsoft.AspNetCore.Http.Features;
using TokenFactoryTwin.Domain.Alarms;
using TokenFactoryTwin.Gateway.Live;

namespace TokenFactoryTwin.Gateway.Apis;

/// <summary>
/// <c>GET /api/live</c>: the live view's push channel, as Server-Sent Events. The traffic is one way (the server
/// pushes a snapshot per second), which is exactly what SSE is for: the browser's built-in <c>EventSource</c>
/// reconnects by itself, nothing has to be vendored or fetched from a CDN (the SignalR client would be), it is
/// plain HTTP through any proxy, and each frame is serialised once and its bytes written to every browser as is.
/// Events: <c>layout</c> (when new to this browser) then <c>frame</c>, once per second.
/// </summary>
public static class LiveApi
{
    private static readonly byte[] LayoutEvent = Encoding.UTF8.GetBytes("event: layout\ndata: ");
    private static readonly byte[] FrameEvent = Encoding.UTF8.GetBytes("event: frame\ndata: ");
    private static readonly byte[] EndOfEvent = Encoding.UTF8.GetBytes("\n\n");

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Live view").MapGet("/live", Stream)
            .WithSummary("Server-Sent Events: the facility's layout, then one compact frame per second (KPIs, per-rack columns, power, links, alarms).")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        app.MapGroup("/api").WithTags("Live view").MapGet("/alarms", GetAlarms)
            .WithSummary("The alarms raised now, as the live view's latest frame lists them (newest first).");
        return app;
    }

    private static async Task Stream(HttpContext context, LiveHub live)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var subscription = live.Subscribe();
        var aborted = context.RequestAborted;
        await response.WriteAsync("retry: 2000\n\n", aborted);
        await response.Body.FlushAsync(aborted);

        long? layoutSent = null;
        try
        {
            await foreach (var message in subscription.Messages.ReadAllAsync(aborted))
            {
                if (layoutSent != message.Layout.Signature)
                {
                    await Write(response, LayoutEvent, message.Layout.Json, aborted);
                    layoutSent = message.Layout.Signature;
                }

                await Write(response, FrameEvent, message.Frame, aborted);
                await response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser went away: nothing to answer.
        }
    }

    private static IResult GetAlarms(LiveHub live) => Results.Ok(live.Alarms.Select(a => new
    {
        key = a.Condition.Key,
        kind = a.Condition.Kind,
        severity = a.Condition.Severity == AlarmSeverity.Critical ? "critical" : "warning",
        subject = a.Condition.Subject,
        placeKind = a.Condition.PlaceKind,
        place = a.Condition.Place,
        message = a.Condition.Message,
        since = a.Since,
    }));

    private static async Task Write(HttpResponse response, byte[] head, byte[] json, CancellationToken aborted)
    {
        await response.Body.WriteAsync(head, aborted);
        await response.Body.WriteAsync(json, aborted);
        await response.Body.WriteAsync(EndOfEvent, aborted);
    }
}
