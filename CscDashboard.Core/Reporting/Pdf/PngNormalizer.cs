using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CscDashboard.Core.Reporting.Pdf;

/// <summary>
/// PDFsharp 6.2.4 renders palette (indexed) PNGs with transparency invisible: such images are re-encoded
/// as 8-bit RGBA PNGs. Every other image (JPEG, RGB(A) PNG, interlaced PNG) is returned unchanged.
/// </summary>
internal static class PngNormalizer
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static byte[] Normalize(byte[] data)
    {
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(Signature))
        {
            return data;
        }
        int width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
        byte[] palette = [], alpha = [];
        using var idat = new MemoryStream();
        for (var pos = 8; pos + 12 <= data.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos));
            var type = Encoding.ASCII.GetString(data, pos + 4, 4);
            if (length < 0 || pos + 12 + length > data.Length)
            {
                return data;
            }
            var body = data.AsSpan(pos + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(body);
                    height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                    (bitDepth, colorType, interlace) = (body[8], body[9], body[12]);
                    break;
                case "PLTE": palette = body.ToArray(); break;
                case "tRNS": alpha = body.ToArray(); break;
                case "IDAT": idat.Write(body); break;
            }
            pos += 12 + length;
        }
        if (colorType != 3 || alpha.Length == 0 || interlace != 0 || palette.Length == 0 || width <= 0 || height <= 0)
        {
            return data;
        }
        var indices = Unfilter(Inflate(idat.ToArray()), width, height, bitDepth);
        return indices is null ? data : EncodeRgba(width, height, ToRgba(indices, width, height, bitDepth, palette, alpha));
    }

    /// <summary>Encodes an 8-bit RGBA image (rows of width * 4 bytes) as a PNG.</summary>
    internal static byte[] EncodeRgba(int width, int height, byte[] rgba)
    {
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter "None"
                z.Write(rgba, y * width * 4, width * 4);
            }
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 6);
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", raw.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Undoes the per-row PNG filters; palette images use one byte as the filter unit.</summary>
    private static byte[]? Unfilter(byte[] raw, int width, int height, int bitDepth)
    {
        var stride = (width * bitDepth + 7) / 8;
        if (raw.Length < height * (stride + 1))
        {
            return null;
        }
        var result = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x > 0 ? result[y * stride + x - 1] : 0;
                int b = y > 0 ? result[(y - 1) * stride + x] : 0;
                int c = x > 0 && y > 0 ? result[(y - 1) * stride + x - 1] : 0;
                var predictor = filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => 0,
                };
                result[y * stride + x] = (byte)(raw[y * (stride + 1) + 1 + x] + predictor);
            }
        }
        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] indices, int width, int height, int bitDepth, byte[] palette, byte[] alpha)
    {
        var stride = (width * bitDepth + 7) / 8;
        var rgba = new byte[width * height * 4];
        var mask = (1 << bitDepth) - 1;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var bit = x * bitDepth;
                var index = (indices[y * stride + bit / 8] >> (8 - bitDepth - bit % 8)) & mask;
                var o = (y * width + x) * 4;
                if (index * 3 + 2 < palette.Length)
                {
                    (rgba[o], rgba[o + 1], rgba[o + 2]) = (palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2]);
                }
                rgba[o + 3] = index < alpha.Length ? alpha[index] : (byte)255;
            }
        }
        return rgba;
    }

    internal static void WriteChunk(Stream output, string type, byte[] body)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, body.Length);
        output.Write(number);
        var typeAndBody = Encoding.ASCII.GetBytes(type).Concat(body).ToArray();
        output.Write(typeAndBody);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndBody));
        output.Write(number);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return c;
    }).ToArray();

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
