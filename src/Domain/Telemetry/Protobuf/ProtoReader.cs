using System.Buffers.Binary;

namespace TokenFactoryTwin.Domain.Telemetry.Protobuf;

/// <summary>
/// Reads the protobuf wire format straight from the body's bytes, field by field, allocating nothing: a decoder walks
/// a message's fields, takes the ones it knows and skips the rest, and reads a nested message as a reader over its
/// own bytes. Every length is checked against what is left, so a truncated body or a huge declared length throws
/// <see cref="ProtobufFormatException"/> rather than reading past the end; a known field sent with another wire type
/// is skipped like an unknown one (as protobuf's own parsers do).
/// </summary>
public ref struct ProtoReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    /// <summary>The next field's number and wire type; false at the end of the message.</summary>
    public bool Next(out int field, out WireType wireType)
    {
        if (_at >= _bytes.Length)
        {
            field = 0;
            wireType = default;
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (WireType)(tag & 7);
        if (field <= 0 || tag >> 3 > int.MaxValue)
        {
            throw new ProtobufFormatException($"field number {tag >> 3} at byte {_at} is not valid");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_at >= _bytes.Length)
            {
                throw new ProtobufFormatException("the message ends inside a varint");
            }

            var b = _bytes[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new ProtobufFormatException($"a varint at byte {_at} runs past ten bytes");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A length-delimited field's bytes: a string, bytes, or a nested message to read with its own reader.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_bytes.Length - _at))
        {
            throw new ProtobufFormatException($"a field declares {length} bytes at byte {_at}, but only {_bytes.Length - _at} are left");
        }

        return Take((int)length);
    }

    /// <summary>Reads the field if it has the wire type a decoder expects; else skips it and says so.</summary>
    public bool Is(WireType actual, WireType expected)
    {
        if (actual == expected)
        {
            return true;
        }

        Skip(actual);
        return false;
    }

    /// <summary>Passes over a field's value (an unknown field, or a known one of an unexpected wire type).</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8); break;
            case WireType.LengthDelimited: ReadBytes(); break;
            case WireType.Fixed32: Take(4); break;
            default: throw new ProtobufFormatException($"wire type {(int)wireType} (groups or invalid) is not accepted");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _bytes.Length - _at)
        {
            throw new ProtobufFormatException($"the message ends inside a field at byte {_at}");
        }

        var taken = _bytes.Slice(_at, count);
        _at += count;
        return taken;
    }
}
