using System.Text;
using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Up;

/// <summary>
/// One log file for everything <c>edgeplane up</c> runs in its process (hub, KubeSim, agents): the terminal shows the
/// progress display, the detail goes here. Lines are appended; the file is cut to empty when it passes
/// <see cref="MaxBytes"/> at start.
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    /// <summary>A log file larger than this at start is emptied first (64 MiB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private readonly LogLevel _minimum;

    public FileLoggerProvider(string path, LogLevel minimum)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var mode = File.Exists(path) && new FileInfo(path).Length > MaxBytes ? FileMode.Create : FileMode.Append;
        _writer = new StreamWriter(new FileStream(path, mode, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8) { AutoFlush = true };
        _minimum = minimum;
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
        }
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            try
            {
                _writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // a late log line from a component still stopping after the provider closed
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var line = $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Level(logLevel)} {category}[{eventId.Id}] {formatter(state, exception)}";
            provider.Write(exception is null ? line : line + Environment.NewLine + exception);
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
