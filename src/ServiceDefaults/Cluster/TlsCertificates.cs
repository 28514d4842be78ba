using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TokenFactoryTwin.ServiceDefaults.Cluster;

/// <summary>Loads the certificates <see cref="TlsSettings"/> names and checks peers against the configured CA only.</summary>
public static class TlsCertificates
{
    public static X509Certificate2 LoadOwn(TlsSettings settings)
    {
        var path = settings.CertificatePath ?? throw new InvalidOperationException("Twin:Tls:CertificatePath is not set.");
        Require(path, "Twin:Tls:CertificatePath");
        if (string.IsNullOrWhiteSpace(settings.KeyPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }

        Require(settings.KeyPath, "Twin:Tls:KeyPath");
        using var pem = X509Certificate2.CreateFromPemFile(path, settings.KeyPath);
        // SslStream wants a key it can use from a persisted store on some platforms; a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }

    public static X509Certificate2 LoadCa(TlsSettings settings)
    {
        var path = settings.CaPath ?? throw new InvalidOperationException("Twin:Tls:CaPath is required when TLS is on.");
        Require(path, "Twin:Tls:CaPath");
        return X509CertificateLoader.LoadCertificateFromFile(path);
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/> (and to nothing else).</summary>
    public static bool IsIssuedBy(X509Certificate2? certificate, X509Certificate2 ca, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static void Require(string path, string key)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{key}: no file at '{Path.GetFullPath(path)}'.", path);
        }
    }
}
