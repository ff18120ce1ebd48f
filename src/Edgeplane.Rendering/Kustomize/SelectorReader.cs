namespace Edgeplane.Rendering.Kustomize;

/// <summary>A cursor over label selector text.</summary>
internal sealed class SelectorReader(string text)
{
    public string Text { get; } = text;

    public int Position { get; private set; }

    public bool AtEnd => Position >= Text.Length;

    public char Peek => Text[Position];

    public void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek))
        {
            Position++;
        }
    }

    public bool TryRead(string token)
    {
        if (string.CompareOrdinal(Text, Position, token, 0, token.Length) != 0)
        {
            return false;
        }
        Position += token.Length;
        return true;
    }

    public bool TryReadWord(string word)
    {
        SkipSpaces();
        var end = Position + word.Length;
        if (!TryRead(word))
        {
            return false;
        }
        if (end < Text.Length && !char.IsWhiteSpace(Text[end]) && Text[end] != '(')
        {
            Position -= word.Length;
            return false;
        }
        return true;
    }

    public string ReadKey()
    {
        SkipSpaces();
        var key = ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');
        return key.Length > 0 ? key : throw new FormatException($"expected a key at position {Position + 1} in selector '{Text}'");
    }

    public string ReadValue()
    {
        SkipSpaces();
        return ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }

    public HashSet<string> ReadSet()
    {
        SkipSpaces();
        if (!TryRead("("))
        {
            throw new FormatException($"expected '(' at position {Position + 1} in selector '{Text}'");
        }
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            values.Add(ReadValue());
            SkipSpaces();
            if (TryRead(")"))
            {
                return values;
            }
            if (!TryRead(","))
            {
                throw new FormatException($"expected ',' or ')' at position {Position + 1} in selector '{Text}'");
            }
        }
    }

    private string ReadWhile(Func<char, bool> accept)
    {
        var start = Position;
        while (!AtEnd && accept(Peek))
        {
            Position++;
        }
        return Text[start..Position];
    }
}
