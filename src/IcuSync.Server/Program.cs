using IcuSync.Server.Hosting;

// `icusync` is the one command-line program: the server, the stdio MCP server, the sandbox and the offline tools.
return await IcuSyncCommandLine.RunAsync(args);
