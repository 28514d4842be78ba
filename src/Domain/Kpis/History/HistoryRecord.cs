namespace TokenFactoryTwin.Domain.Kpis.History;

/// <summary>A chunk of history due to be stored, under the state name it is stored as.</summary>
public readonly record struct HistoryRecord(string Name, HistoryChunk Chunk);
