namespace Telemetry.Local.Archive;

/// <summary>Where the delivery stream puts its objects: the local S3 in the stack, a fake in unit tests.</summary>
public interface IArchiveStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>; durable when the task completes.</summary>
    Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken);
}
