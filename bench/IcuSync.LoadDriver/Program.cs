using IcuSync.LoadDriver;

// icusync-load: the load driver, the ceiling servers and the benchmark side tools (see docs/performance.md).
return await DriverCommandLine.RunAsync(args);
