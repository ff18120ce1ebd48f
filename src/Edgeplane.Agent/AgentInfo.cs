using System.Reflection;

namespace Edgeplane.Agent;

/// <summary>Facts about this agent build.</summary>
public static class AgentInfo
{
    /// <summary>The agent's version (the assembly's informational version without build metadata), e.g. <c>0.1.0</c>.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var version = typeof(AgentInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(AgentInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
