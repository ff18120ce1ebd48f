// A swarm of simulated Edgeplane agents at the protocol level, in its own process, driven by the gateway benchmark
// (bench/Edgeplane.Benchmarks/Gateway). Real mTLS, real enrolment; no Kubernetes behind the agents.
//   enroll --hub URL --state DIR --tokens FILE [--parallel 16]   enrol every "cluster token" line of FILE
//   run    --hub URL --state DIR --clusters FILE                 hold one session per cluster; commands on stdin
using Edgeplane.AgentSwarm;

if (args.Length == 0 || args[0] is not ("enroll" or "run"))
{
    Console.Error.WriteLine("usage: Edgeplane.AgentSwarm enroll|run --hub URL --state DIR (--tokens FILE | --clusters FILE)");
    return 2;
}
var options = SwarmArgs.Parse(args[1..]);
return args[0] == "enroll"
    ? await SwarmEnroller.RunAsync(options)
    : await SwarmConsole.RunAsync(options);
