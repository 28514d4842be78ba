using System.Text.Json;
using TokenFactoryTwin.Domain.Facilities;

namespace TokenFactoryTwin.Domain.Planning;

/// <summary>
/// The planner API's JSON: the twin's conventions (camelCase, enums by name) and, since people write change objects
/// by hand, a <c>kind</c> that need not come first.
/// </summary>
public static class PlannerJson
{
    public static JsonSerializerOptions Options { get; } = new(FacilityJson.Options) { AllowOutOfOrderMetadataProperties = true };
}
