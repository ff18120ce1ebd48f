namespace Edgeplane.ApiMachinery.Labels;

/// <summary>A label selector that does not parse; <see cref="Exception.Message"/> says what and where.</summary>
public sealed class LabelSelectorException : FormatException
{
    /// <summary>Creates the exception for a bad term (<paramref name="term"/>, trimmed) or for the whole selector (null).</summary>
    public LabelSelectorException(string? term, string reason)
        : base(term is null ? reason : $"unable to parse requirement \"{term}\": {reason}")
    {
        Term = term;
        Reason = reason;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public LabelSelectorException()
    {
        Reason = Message;
    }

    /// <summary>Creates the exception with a message.</summary>
    public LabelSelectorException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LabelSelectorException(string message, Exception inner)
        : base(message, inner)
    {
        Reason = message;
    }

    /// <summary>The comma-separated term that is wrong, trimmed; null when the selector as a whole is (too long, too many terms).</summary>
    public string? Term { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
