namespace Edgeplane.Cli;

/// <summary>Process exit codes, in the kubectl/flux habit.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The input (fleet repo, manifest, API answer) was invalid or the operation failed.</summary>
    public const int Invalid = 1;

    /// <summary>The command line itself was wrong: unknown flag, missing argument, bad value.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl-C (SIGINT) while watching, as a shell reports it (128 + 2).</summary>
    public const int Interrupted = 130;
}
