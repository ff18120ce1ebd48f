using Microsoft.Extensions.Logging;

namespace Edgeplane.Cli.Commands;

/// <summary>
/// How the long-running commands (<c>edgeplane hub</c>, <c>edgeplane agent</c>) log: one line per event on stderr, UTC
/// timestamps, <c>text</c> or <c>json</c>, framework chatter at Warning.
/// </summary>
internal static class ProcessLogging
{
    public static void Configure(ILoggingBuilder logging, string format, LogLevel level = LogLevel.Information)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(level);
        if (format == "json")
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
    }
}
