namespace TokenFactoryTwin.Domain.Catalog;

/// <summary>
/// The architecture facts of a model that decide its inference cost: layers, hidden size, attention layout (MLA's latent
/// KV or GQA's key/value heads), experts and how many each token uses, multi-token-prediction layers and sliding-window
/// layers. Read from <c>catalog/models.json</c>; a field the file leaves out is zero.
/// </summary>
public sealed record ModelArchitecture(
    int Layers,
    int DenseLayers,
    int Hidden,
    int Heads,
    int KvHeads,
    int HeadDim,
    bool LatentAttention,
    int KvLoraRank,
    int QkRopeHeadDim,
    int QkNopeHeadDim,
    int VHeadDim,
    int Experts,
    int TopK,
    int MtpLayers,
    int SlidingWindow,
    int SlidingWindowLayers,
    string NativePrecision)
{
    public bool IsMixtureOfExperts => Experts > 0 && TopK > 0;
}
