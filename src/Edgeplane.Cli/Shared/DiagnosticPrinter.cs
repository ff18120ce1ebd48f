using Edgeplane.Model.Diagnostics;

namespace Edgeplane.Cli.Shared;

/// <summary>Prints diagnostics as <c>path:line:col: message</c>, with paths as the user wrote the repo directory.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter error, string repoDir, IEnumerable<Diagnostic> diagnostics)
    {
        var prefix = repoDir.Replace('\\', '/').TrimEnd('/');
        foreach (var diagnostic in diagnostics)
        {
            var file = diagnostic.Location.File;
            var path = prefix.Length == 0 || prefix == "." ? file : file.Length == 0 ? prefix : $"{prefix}/{file}";
            error.WriteLine(new Diagnostic(diagnostic.Location with { File = path }, diagnostic.Message, diagnostic.Code).ToString());
        }
    }
}
