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
        return BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
    }

    public ReadOnlySpan<byte> Bytes()
    {
        Expect(2);
        return Take(checked((int)ReadVarint()));
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
                Take(8);
                break;
            case 2:
                Take(checked((int)ReadVarint()));
                break;
            case 5:
                Take(4);
                break;
            default:
                throw new InvalidDataException($"Protobuf wire type {wireType} (field {Field}) is not supported.");
        }
    }

    private readonly bool Expect(int expected) =>
        wireType == expected ? true : throw new InvalidDataException($"Field {Field} has wire type {wireType}, not {expected}.");

    /// <summary>The next <paramref name="length"/> bytes; a field that runs past the message's end is an error, not its end.</summary>
    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > data.Length - position)
        {
            throw new InvalidDataException($"Field {Field} needs {length} bytes but {data.Length - position} remain: the message is truncated.");
        }

        var value = data.Slice(position, length);
        position += length;
        return value;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException("A protobuf varint runs past the end of the message.");
            }

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
