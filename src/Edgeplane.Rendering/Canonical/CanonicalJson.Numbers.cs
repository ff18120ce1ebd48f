using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Edgeplane.Rendering.Canonical;

public static partial class CanonicalJson
{
    /// <summary>The shortest ECMAScript form of a number (as <c>JSON.stringify</c>): <c>3</c>, <c>1.5</c>, <c>1e+21</c>, <c>1e-7</c>.</summary>
    public static string FormatNumber(JsonValue value)
    {
        if (value.TryGetValue<long>(out var whole))
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }
        if (value.TryGetValue<int>(out var small))
        {
            return small.ToString(CultureInfo.InvariantCulture);
        }
        if (value.TryGetValue<ulong>(out var big))
        {
            return FormatDouble(big);
        }
        return value.TryGetValue<double>(out var d) ? FormatDouble(d)
            : value.TryGetValue<decimal>(out var m) ? FormatDouble((double)m)
            : FormatDouble(double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture));
    }

    /// <summary>ECMAScript Number::toString for finite doubles (non-finite numbers cannot occur in JSON).</summary>
    public static string FormatDouble(double d)
    {
        if (d == 0)
        {
            return "0";
        }
        if (!double.IsFinite(d))
        {
            throw new ArgumentOutOfRangeException(nameof(d), "JSON has no NaN or infinity");
        }
        if (Math.Abs(d) < 1e21 && Math.Floor(d) == d)
        {
            return new BigInteger(d).ToString(CultureInfo.InvariantCulture);
        }
        var (negative, digits, n) = Decompose(d);
        var k = digits.Length;
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            var exponent = n - 1;
            var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
            body = mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + body : body;
    }

    /// <summary>Shortest round-trip digits and the decimal exponent n such that value = 0.digits × 10^n.</summary>
    private static (bool Negative, string Digits, int N) Decompose(double d)
    {
        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exp = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var frac = dot < 0 ? "" : mantissa[(dot + 1)..];
        var all = (intPart + frac).TrimStart('0');
        var leadingZeros = (intPart + frac).Length - all.Length;
        var n = intPart.Length + exp - leadingZeros;
        return (d < 0, all.TrimEnd('0'), n);
    }
}
