using System.Text.Json;
using TokenFactoryTwin.Abstractions;
using TokenFactoryTwin.Abstractions.Grains;
using TokenFactoryTwin.Gateway.Ingest;

namespace TokenFactoryTwin.Gateway.Twin;

/// <summary>
/// What every handler does before its own work, said once: find the facility (503 while the cluster is still
/// starting), read the body under the ingest limits (413, 408 … when it cannot be), and parse it as JSON (400 saying
/// what the body is not).
/// </summary>
public static class TwinRequest
{
    /// <summary>Runs <paramref name="handle"/> with the facility's id, or answers 503 while there is none yet.</summary>
    public static async Task<IResult> WithFacilityId(this TwinLocator twin, HttpContext context, Func<string, Task<IResult>> handle) =>
        await twin.FacilityId() is { } facility ? await handle(facility) : TwinResults.Starting(context);

    /// <summary>
    /// Runs <paramref name="handle"/> with one face of the facility's grain (<see cref="IFacilityKpiGrain"/> or
    /// <see cref="IFacilityTopologyGrain"/>), or answers 503 while there is none yet.
    /// </summary>
    public static Task<IResult> WithFacility<TFace>(this TwinLocator twin, HttpContext context, Func<TFace, Task<IResult>> handle)
        where TFace : IGrainWithStringKey =>
        twin.WithFacilityId(context, facility => handle(twin.Client.Reference<TFace>(TwinKeys.Facility(facility))));

    /// <summary>
    /// Runs <paramref name="handle"/> with the facility's id and the request's body, or answers 503 while there is no
    /// facility, or the reader's refusal when the body cannot be read. The body is returned to its pool afterwards.
    /// </summary>
    public static Task<IResult> WithBody(
        this TwinLocator twin, HttpContext context, RequestBodyReader reader, Func<string, RequestBody, Task<IResult>> handle) =>
        twin.WithFacilityId(context, async facility =>
        {
            using var body = await reader.Read(context);
            return body.Ok ? await handle(facility, body) : body.Refusal!;
        });

    /// <summary>
    /// As <see cref="WithBody"/>, for telemetry: also answers 503 (retry) while the facility is starting, so senders
    /// retry into a running twin rather than queue behind its start (<see cref="TwinLocator.FacilityRunning"/>).
    /// </summary>
    public static async Task<IResult> WithTelemetry(
        this TwinLocator twin, HttpContext context, RequestBodyReader reader, Func<string, RequestBody, Task<IResult>> handle) =>
        await twin.FacilityRunning()
            ? await twin.WithBody(context, reader, handle)
            : TwinResults.Starting(context, StartingDetail);

    /// <summary>Why telemetry is held back while the facility starts.</summary>
    public const string StartingDetail = "The facility is starting (configuring its racks); nothing was applied; retry shortly.";

    /// <summary>Parses <paramref name="json"/>; on malformed JSON, returns the 400 that says the body is not <paramref name="what"/>.</summary>
    /// <returns>Null when the body parsed (into <paramref name="value"/>, which may still be null for a JSON <c>null</c>).</returns>
    public static IResult? Parse<T>(ReadOnlySpan<byte> json, JsonSerializerOptions options, string what, out T? value)
    {
        try
        {
            value = JsonSerializer.Deserialize<T>(json, options);
            return null;
        }
        catch (JsonException e)
        {
            value = default;
            return TwinResults.BadRequest($"The body is not {what}: {e.Message}");
        }
    }
}
