// Benchmarks for Edgeplane. Each suite writes JSON and Markdown results to bench/results/.
// Usage: dotnet run -c Release --project bench/Edgeplane.Benchmarks -- <suite> [options]
Console.Error.WriteLine("usage: Edgeplane.Benchmarks <suite>; no suites are registered yet");
return 2;
