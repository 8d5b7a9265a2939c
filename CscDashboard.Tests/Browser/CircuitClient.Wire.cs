using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CscDashboard.Tests.Browser;

// The formats the client reads and writes: the page's component markers, the render batches' strings, the hub protocol.
internal sealed partial class CircuitClient
{
    /// <summary>
    /// Finds the server component markers (in document order, as the browser registers them) and the persisted state, and
    /// writes the root component operations the browser would send: one « add » per marker, numbered from 1.
    /// </summary>
    private void ReadPage(string html)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("batchId", 1);
            json.WriteStartArray("operations");
            var ssrComponentId = 0;
            foreach (Match comment in ComponentMarker().Matches(html))
            {
                using var marker = JsonDocument.Parse(comment.Groups["json"].Value);
                if (!marker.RootElement.TryGetProperty("type", out var type) || type.GetString() != "server")
                {
                    continue; // an end marker, or a WebAssembly component
                }
                json.WriteStartObject();
                json.WriteString("type", "add");
                json.WriteNumber("ssrComponentId", ++ssrComponentId);
                json.WritePropertyName("marker");
                json.WriteStartObject();
                foreach (var property in marker.RootElement.EnumerateObject())
                {
                    property.WriteTo(json);
                }
                json.WriteNumber("uniqueId", ssrComponentId - 1);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            if (ssrComponentId == 0)
            {
                throw new InvalidOperationException($"{_pageUri} has no interactive server component.");
            }
        }
        _rootComponentsJson = Encoding.UTF8.GetString(stream.ToArray());
        _applicationState = ServerState().Match(html) is { Success: true } state ? state.Groups["state"].Value : "";
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)-->")]
    private static partial Regex ServerState();

    /// <summary>
    /// The strings of a render batch (RenderBatchWriter's format): the batch ends with five little-endian offsets, the
    /// last one that of the string table, a list of offsets, one per string, each string written as a 7-bit-encoded
    /// length and its UTF-8 bytes. Texts, markup, element and attribute names and attribute values are all there.
    /// </summary>
    public static List<string> ReadStrings(ReadOnlySpan<byte> batch)
    {
        var tableStart = BinaryPrimitives.ReadInt32LittleEndian(batch[^4..]);
        var tableEnd = batch.Length - (5 * sizeof(int));
        var strings = new List<string>((tableEnd - tableStart) / sizeof(int));
        for (var entry = tableStart; entry < tableEnd; entry += sizeof(int))
        {
            var position = BinaryPrimitives.ReadInt32LittleEndian(batch[entry..]);
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                var part = batch[position++];
                length |= (part & 0x7F) << shift;
                if (part < 0x80)
                {
                    break;
                }
            }
            strings.Add(Encoding.UTF8.GetString(batch.Slice(position, length)));
        }
        return strings;
    }

    /// <summary>
    /// The Blazor hub speaks only « blazorpack », which is SignalR's MessagePack protocol under another name: the
    /// MessagePack protocol of the SignalR client, renamed, as blazor.web.js renames its own.
    /// </summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        public static readonly BlazorPackProtocol Instance = new();
        private readonly MessagePackHubProtocol _messagePack = new();

        public string Name => "blazorpack";

        public int Version => _messagePack.Version;

        public TransferFormat TransferFormat => TransferFormat.Binary;

        public bool IsVersionSupported(int version) => _messagePack.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            _messagePack.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _messagePack.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _messagePack.GetMessageBytes(message);
    }
}
