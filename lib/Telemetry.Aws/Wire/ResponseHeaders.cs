namespace Telemetry.Aws.Wire;

internal static class ResponseHeaders
{
    /// <summary>Every protocol's services name the request in this header; support cases ask for it.</summary>
    public const string RequestId = "x-amzn-RequestId";

    public static string? First(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
