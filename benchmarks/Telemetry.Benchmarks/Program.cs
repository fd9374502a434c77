using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Telemetry.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
