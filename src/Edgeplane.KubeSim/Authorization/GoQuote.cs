using System.Globalization;
using System.Text;

namespace Edgeplane.KubeSim.Authorization;

/// <summary>Go's <c>%q</c> for a string and for a <c>[]string</c>, which kube-apiserver's RBAC messages are made of.</summary>
internal static class GoQuote
{
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                case '\r': text.Append("\\r"); break;
                default:
                    if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format)
                    {
                        text.Append(rune.Value <= 0xFFFF
                            ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}"));
                    }
                    else
                    {
                        text.Append(rune.ToString());
                    }
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    public static string List(IEnumerable<string> values) => "[" + string.Join(' ', values.Select(String)) + "]";
}
