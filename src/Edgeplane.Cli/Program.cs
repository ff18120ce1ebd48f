using Edgeplane.Cli;

return await CliApp.RunAsync(args);
