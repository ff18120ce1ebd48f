using System.Globalization;
using System.Net;
using Edgeplane.Hub.Gateway.Admission;

namespace Edgeplane.Hub.Sources.Webhooks;

/// <summary>
/// The webhook endpoint's rate limit, checked before anything else (headers, body, signature): a token bucket per
/// remote address (<see cref="HubLimits.WebhookRatePerAddress"/>, <see cref="HubLimits.WebhookBurstPerAddress"/>) and
/// one for all of them together (<see cref="HubLimits.WebhookRate"/>, <see cref="HubLimits.WebhookBurst"/>), on the
/// injected clock. The address is the connection's: behind a reverse proxy every request counts against the proxy.
/// </summary>
internal sealed class WebhookRateLimiter
{
    private readonly PeerRateLimiter _perAddress;
    private readonly TokenBucket _overall;
    private readonly HubLimits _limits;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when a rate is not positive or a bound below 1.</summary>
    public WebhookRateLimiter(HubOptions options, TimeProvider time)
    {
        _limits = options.Limits;
        if (_limits.WebhookRatePerAddress <= 0 || _limits.WebhookRate <= 0 || _limits.WebhookBurstPerAddress < 1
            || _limits.WebhookBurst < 1 || _limits.MaxWebhookAddresses < 1)
        {
            throw new ArgumentException("invalid hub limits: WebhookRatePerAddress and WebhookRate must be > 0, " +
                "WebhookBurstPerAddress, WebhookBurst and MaxWebhookAddresses >= 1");
        }
        _perAddress = new PeerRateLimiter(_limits.WebhookRatePerAddress, _limits.WebhookBurstPerAddress, _limits.MaxWebhookAddresses, time);
        _overall = new TokenBucket(_limits.WebhookRate, _limits.WebhookBurst, time);
    }

    /// <summary>
    /// Null when the request may proceed; otherwise why not, and after how many whole seconds (at least 1) to retry.
    /// The address's token is taken first, so one address over its rate does not use up the shared bucket.
    /// </summary>
    public (string Detail, int RetryAfterSeconds)? Check(IPAddress? remote)
    {
        var address = PeerAddress.Key(remote);
        if (!_perAddress.TryTake(address, out var wait))
        {
            return Refusal($"address {address["ip:".Length..]}", _perAddress.Burst, _perAddress.Rate, wait);
        }
        if (!_overall.TryTake(out wait))
        {
            return Refusal("all addresses together", _limits.WebhookBurst, _limits.WebhookRate, wait);
        }
        return null;
    }

    private static (string, int) Refusal(string who, int burst, double rate, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return (string.Create(CultureInfo.InvariantCulture,
            $"webhook rate limit: {who} may send {burst} requests at once, then {rate:0.##} per second; retry after {seconds} s"), seconds);
    }
}
