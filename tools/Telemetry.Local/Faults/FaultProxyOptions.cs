namespace Telemetry.Local.Faults;

/// <summary>Where one upstream is, and the loopback port the proxy listens on for it (0: a free port).</summary>
public sealed record UpstreamEndpoint(Uri Target, int Port);

/// <summary>What a fault proxy serves: at least one upstream.</summary>
public sealed record FaultProxyOptions(IReadOnlyDictionary<FaultUpstream, UpstreamEndpoint> Upstreams);
