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

    // The second form is user information with an unencoded '/', '?' or '#' in the password; it also hides the host of
    // "https://host:8443/a@b", which is harmless in an error text.
    [GeneratedRegex(@"\b([a-zA-Z][a-zA-Z0-9+.\-]*://)(?:[^/\s@?#]+|[^\s@/?#]*:[^\s@]*)@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
