namespace Edgeplane.Hub.Gateway.Admission;

/// <summary>
/// A token bucket on the injected clock: <c>burst</c> tokens at most, refilled at <c>rate</c> per second. Thread-safe.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _burst;
    private double _tokens;
    private long _last;

    /// <summary>A full bucket.</summary>
    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = time;
        _rate = ratePerSecond;
        _burst = burst;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>
    /// Takes one token if there is one. Otherwise returns false and how long until the token the caller would need —
    /// counting everyone who was refused before — is expected (the deficit grows with each refusal, so the hints spread).
    /// </summary>
    public bool TryTake(out TimeSpan wait)
    {
        lock (_lock)
        {
            Refill();
            if (_tokens >= 1)
            {
                _tokens -= 1;
                wait = TimeSpan.Zero;
                return true;
            }
            wait = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            return false;
        }
    }

    /// <summary>
    /// Reserves the next token even if it is not there yet (the balance goes negative) and returns how long to wait for
    /// it; null, with nothing reserved, when that would be longer than <paramref name="maxWait"/>.
    /// </summary>
    public TimeSpan? Reserve(TimeSpan maxWait)
    {
        lock (_lock)
        {
            Refill();
            var wait = _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / _rate);
            if (wait > maxWait)
            {
                return null;
            }
            _tokens -= 1;
            return wait;
        }
    }

    /// <summary>True when the bucket has refilled to its burst: forgetting it then changes nothing.</summary>
    public bool IsFull
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens >= _burst;
            }
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now).TotalSeconds;
        _last = now;
        _tokens = Math.Min(_burst, _tokens + (elapsed * _rate));
    }
}
