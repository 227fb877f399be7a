using System.Buffers.Binary;
using System.Text;

namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>
/// Reads protobuf's wire format field by field (varint, 64-bit, length-delimited, 32-bit): enough to decode the OTLP
/// messages a test needs without generated code. Unknown fields are skipped.
/// </summary>
public ref struct ProtobufReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;
    private int wireType;

    public int Field { get; private set; }

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (position >= data.Length)
        {
            return false;
        }

        var key = ReadVarint();
        Field = (int)(key >> 3);
        wireType = (int)(key & 7);
        return true;
    }

    public ulong Varint() => Expect(0) ? ReadVarint() : 0;

    public ulong Fixed64()
    {
        Expect(1);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(data[position..]);
        position += 8;
        return value;
    }

    public ReadOnlySpan<byte> Bytes()
    {
        Expect(2);
        var length = checked((int)ReadVarint());
        var value = data.Slice(position, length);
        position += length;
        return value;
    }

    public string String() => Encoding.UTF8.GetString(Bytes());

    public void Skip()
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                position += 8;
                break;
            case 2:
                var length = checked((int)ReadVarint());
                position += length;
                break;
            case 5:
                position += 4;
                break;
            default:
                throw new InvalidDataException($"Protobuf wire type {wireType} (field {Field}) is not supported.");
        }
    }

    private readonly bool Expect(int expected) =>
        wireType == expected ? true : throw new InvalidDataException($"Field {Field} has wire type {wireType}, not {expected}.");

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }
}
