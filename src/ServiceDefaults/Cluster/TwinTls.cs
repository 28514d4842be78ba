using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace TokenFactoryTwin.ServiceDefaults.Cluster;

/// <summary>
/// Mutual TLS for silo-to-silo and client-to-silo connections, when <c>Twin:Tls:CertificatePath</c> is set: every
/// peer must present a certificate issued by the configured CA, or it gets nowhere.
/// </summary>
public static class TwinTls
{
    public static TlsSettings Settings(IConfiguration configuration) =>
        configuration.GetSection(TlsSettings.Section).Get<TlsSettings>() ?? new TlsSettings();

    public static Action<TlsOptions> Configure(TlsSettings settings)
    {
        var ca = TlsCertificates.LoadCa(settings);
        return options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, errors) => TlsCertificates.IsIssuedBy(remote, ca, errors);
            options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = settings.TargetHost;
        };
    }
}
