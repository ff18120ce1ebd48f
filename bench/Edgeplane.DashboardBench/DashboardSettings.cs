namespace Edgeplane.DashboardBench;

/// <summary>How much is measured: agents (one edge site each), cold overview loads, status changes on the open page.</summary>
internal sealed record DashboardSettings(int Agents, int Loads, int Changes);
