using TokenFactoryTwin.FaultTests.Infrastructure;

namespace TokenFactoryTwin.FaultTests;

public sealed class TlsTests
{
    [Fact]
    public async Task With_tls_on_only_peers_holding_a_certificate_from_the_configured_ca_reach_the_cluster()
    {
        await using var twin = new TwinDeployment();
        var trusted = new TestCertificates(twin.Folder, "trusted");
        var rogue = new TestCertificates(twin.Folder, "rogue");
        await twin.Redis.Start();

        var (siloCertificate, siloKey) = trusted.Issue("silo");
        var (gatewayCertificate, gatewayKey) = trusted.Issue("gateway");
        var (rogueCertificate, rogueKey) = rogue.Issue("intruder");
        var tls = (string certificate, string key) => new Dictionary<string, string>
        {
            ["Twin__Tls__CertificatePath"] = certificate,
            ["Twin__Tls__KeyPath"] = key,
            ["Twin__Tls__CaPath"] = trusted.CaPath,
        };

        await twin.StartSilo(settings: tls(siloCertificate, siloKey));
        await twin.StartGateway(settings: tls(gatewayCertificate, gatewayKey));
        Assert.True(await twin.FacilityAnswers());

        // A gateway whose certificate another CA issued, and one with no TLS at all: neither gets into the cluster.
        var intruder = await twin.StartExtraGateway(tls(rogueCertificate, rogueKey));
        var plain = await twin.StartExtraGateway(new Dictionary<string, string>());
        await Task.WhenAll(
            Eventually.Until(() => Task.FromResult(intruder.Log().Contains("not reachable", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the intruder's refusal"),
            Eventually.Until(() => Task.FromResult(plain.Log().Contains("not reachable", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the plain client's refusal"));
        Assert.False(await twin.Answers(intruder), "a gateway with a certificate from another CA reached the cluster");
        Assert.False(await twin.Answers(plain), "a gateway without TLS reached the cluster");
        Assert.True(await twin.FacilityAnswers());
    }
}
