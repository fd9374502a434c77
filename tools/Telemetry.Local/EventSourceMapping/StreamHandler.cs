namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// A Lambda function's Stream entry point as the host invokes it: the Kinesis event JSON in, the response JSON out.
/// </summary>
public delegate Task<Stream> StreamHandler(Stream input, CancellationToken cancellationToken);
