using System.Text.RegularExpressions;

namespace Edgeplane.Hub.Sources;

/// <summary>
/// Hides the user information of every URL in a text (<c>https://alice:secret@host/x</c> → <c>https://***@host/x</c>):
/// applied to every error text the hub records or logs about its source, as a second line of defence behind
/// <see cref="GitRemote"/>, which keeps credentials out of the URL in the first place.
/// </summary>
internal static partial class UrlRedaction
{
    public static string Redact(string text) => UserInfo().Replace(text, "$1***@");

    [GeneratedRegex(@"\b([a-zA-Z][a-zA-Z0-9+.\-]*://)[^/\s@?#]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
