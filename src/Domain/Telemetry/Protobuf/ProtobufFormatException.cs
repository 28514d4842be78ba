namespace TokenFactoryTwin.Domain.Telemetry.Protobuf;

/// <summary>The bytes are not the protobuf message they were read as: cut short, a length past the end, a bad varint.</summary>
public sealed class ProtobufFormatException(string message) : FormatException(message);
