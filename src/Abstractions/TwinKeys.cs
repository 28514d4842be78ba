namespace TokenFactoryTwin.Abstractions;

/// <summary>
/// The one place grain keys are built. Every key is scoped by its facility, so two sites twinned by one
/// cluster never collide. Ids may not contain '/', which the facility file validation enforces.
/// </summary>
public static class TwinKeys
{
    public const char Separator = '/';

    public static string Facility(string facilityId) => facilityId;

    public static string Hall(string facilityId, string hallId) => Scoped(facilityId, hallId);

    public static string Rack(string facilityId, string rackId) => Scoped(facilityId, rackId);

    public static string PowerNode(string facilityId, string nodeId) => Scoped(facilityId, nodeId);

    public static string NetworkLink(string facilityId, string linkId) => Scoped(facilityId, linkId);

    public static string Scenario(string facilityId, string scenarioId) => Scoped(facilityId, scenarioId);

    /// <summary>The per-facility list of scenarios; a grain type of its own, so the facility id alone is its key.</summary>
    public static string ScenarioIndex(string facilityId) => facilityId;

    /// <summary>A server of a live rack, by the host name its exporters report.</summary>
    public static string Host(string facilityId, string hostname) => Scoped(facilityId, hostname);

    public static string InferenceEndpoint(string facilityId, string name) => Scoped(facilityId, name);

    /// <summary>The facility's list of telemetry sources nobody registered yet.</summary>
    public static string Discovery(string facilityId) => Scoped(facilityId, "discovered");

    /// <summary>The facility's pull targets: what the gateways scrape, and how often.</summary>
    public static string ScrapeTargets(string facilityId) => Scoped(facilityId, "scrape-targets");

    /// <summary>The gateways scraping the facility's registered targets, which share them out.</summary>
    public static string ScrapeGateways(string facilityId) => Scoped(facilityId, "scrape-gateways");

    /// <summary>The facility's live flex event (one at a time).</summary>
    public static string Flex(string facilityId) => Scoped(facilityId, "flex");

    /// <summary>A meter's reading for one twin target (a power node, a network link, or the facility).</summary>
    public static string Meter(string facilityId, string target) => Scoped(facilityId, $"meter:{target}");

    public static string Gpu(string facilityId, string rackId, int index) => $"{Scoped(facilityId, rackId)}{Separator}{index}";

    /// <summary>The part of a facility-scoped key after the facility id.</summary>
    public static string LocalId(string key) => key[(key.IndexOf(Separator) + 1)..];

    /// <summary>The facility id of a facility-scoped key.</summary>
    public static string FacilityOf(string key) => key[..key.IndexOf(Separator)];

    private static string Scoped(string facilityId, string localId) => $"{facilityId}{Separator}{localId}";
}
