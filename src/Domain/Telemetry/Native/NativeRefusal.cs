namespace TokenFactoryTwin.Domain.Telemetry.Native;

/// <summary>
/// Part of a native batch refused on reading: the sample at <see cref="Index"/> of <c>samples</c>, or a group of
/// <c>racks</c> / <c>hosts</c> (named by <see cref="Rack"/> or <see cref="Host"/>, at <see cref="Index"/> of its
/// array) and, where one GPU alone is at fault, its position <see cref="Gpu"/>. <see cref="Samples"/> is how many
/// samples the refusal costs (a whole group's GPUs when the group is unreadable).
/// </summary>
public sealed record NativeRefusal(string Reason, int Index, string? Rack = null, string? Host = null, int? Gpu = null, int Samples = 1);
