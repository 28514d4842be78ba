using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TokenFactoryTwin.FaultTests.Infrastructure;

/// <summary>A throwaway CA and the certificates it issues, written as PEM files the way an operator would provide them.</summary>
public sealed class TestCertificates
{
    private readonly X509Certificate2 _ca;

    public TestCertificates(string folder, string name)
    {
        Folder = Path.Combine(folder, name);
        Directory.CreateDirectory(Folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name} CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        CaPath = Path.Combine(Folder, "ca.pem");
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
    }

    public string Folder { get; }

    public string CaPath { get; }

    /// <summary>A certificate for silos and clients alike (server and client authentication), named as peers expect.</summary>
    public (string Certificate, string Key) Issue(string name, string dnsName = "tokenfactory-silo")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(6), serial);
        var certificatePath = Path.Combine(Folder, $"{name}.pem");
        var keyPath = Path.Combine(Folder, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
