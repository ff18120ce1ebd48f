using System.Globalization;

namespace Edgeplane.AgentSwarm;

/// <summary>The swarm's options, from <c>--name value</c> pairs.</summary>
internal sealed record SwarmArgs(Uri Hub, string State, string? Tokens, string? Clusters, int Parallel)
{
    public static SwarmArgs Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var hub = Get("--hub") ?? throw new ArgumentException("--hub URL is required");
        var state = Get("--state") ?? throw new ArgumentException("--state DIR is required");
        var parallel = Get("--parallel") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 16;
        return new SwarmArgs(new Uri(hub), state, Get("--tokens"), Get("--clusters"), parallel);
    }

    /// <summary>The identity folder of one simulated agent (what <c>edgeplane agent --state</c> would hold).</summary>
    public string AgentState(string cluster) => Path.Combine(State, cluster);
}
