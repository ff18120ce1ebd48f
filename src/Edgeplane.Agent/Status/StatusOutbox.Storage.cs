using System.Globalization;
using System.Text.Json;
using Edgeplane.Agent.State;
using Edgeplane.Protocol.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Agent.Status;

public sealed partial class StatusOutbox
{
    private void Reload()
    {
        var cursor = LoadCursor();
        LastAcked = cursor.Acked;
        LastSequence = cursor.Sequence;
        foreach (var file in Directory.EnumerateFiles(_directory, "*.pb"))
        {
            if (!ulong.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                continue;
            }
            if (sequence <= LastAcked)
            {
                File.Delete(file);
                continue;
            }
            try
            {
                var bytes = File.ReadAllBytes(file);
                var report = StatusReport.Parser.ParseFrom(bytes);
                _pending[sequence] = (report, bytes.Length);
                _bytes += bytes.Length;
                LastSequence = Math.Max(LastSequence, sequence);
            }
            catch (InvalidProtocolBufferException e)
            {
                LogUnreadable(_logger, file, e.Message);
                File.Delete(file);
            }
        }
        foreach (var temp in Directory.EnumerateFiles(_directory, "*.tmp"))
        {
            File.Delete(temp);
        }
        EvictOldest();
    }

    private Cursor LoadCursor()
    {
        if (!File.Exists(_cursorPath))
        {
            return new Cursor(0, 0);
        }
        try
        {
            return JsonSerializer.Deserialize<Cursor>(File.ReadAllBytes(_cursorPath), Json) ?? new Cursor(0, 0);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"status cursor '{_cursorPath}' is not valid: {e.Message}", e);
        }
    }

    private void SaveCursor() => AtomicFile.Write(_cursorPath, JsonSerializer.SerializeToUtf8Bytes(new Cursor(LastSequence, LastAcked), Json));

    private sealed record Cursor(ulong Sequence, ulong Acked);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning,
        Message = "Status outbox full: dropped the {Dropped} oldest unacknowledged report(s); {Kept} kept, the newest always")]
    private static partial void LogDropped(ILogger logger, int dropped, int kept);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Unreadable buffered status report {File} discarded: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string file, string error);
}
