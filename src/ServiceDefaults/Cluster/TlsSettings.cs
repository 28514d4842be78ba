namespace TokenFactoryTwin.ServiceDefaults.Cluster;

/// <summary>
/// The <c>Twin:Tls</c> configuration section: when <see cref="CertificatePath"/> is set, silo-to-silo and
/// client-to-silo connections use mutual TLS, and a peer must present a certificate issued by the CA in
/// <see cref="CaPath"/>.
/// </summary>
public sealed class TlsSettings
{
    public const string Section = "Twin:Tls";

    /// <summary>This process's certificate, PEM (with <see cref="KeyPath"/>) or PKCS#12.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>; empty for PKCS#12.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The CA that must have issued every peer's certificate (PEM).</summary>
    public string? CaPath { get; set; }

    /// <summary>The name peers' certificates are checked against (their subject alternative name).</summary>
    public string TargetHost { get; set; } = "tokenfactory-silo";

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
