using TokenFactoryTwin.ServiceDefaults.Cluster;

namespace TokenFactoryTwin.Silo.Hosting;

public static class TwinTlsExtensions
{
    /// <summary>Mutual TLS from <c>Twin:Tls</c>, when configured (see <see cref="TwinTls"/>).</summary>
    public static ISiloBuilder UseTwinTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = TwinTls.Settings(configuration);
        return settings.Enabled ? silo.UseTls(TlsCertificates.LoadOwn(settings), TwinTls.Configure(settings)) : silo;
    }
}
