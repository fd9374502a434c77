using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.JsonProtocol;

internal static class AwsErrorCode
{
    /// <summary>
    /// The x-amzn-ErrorType header wins (it may carry <c>:</c> and a URL), then the body's <c>__type</c>
    /// (it may carry a <c>namespace#</c> prefix); without either, the status decides.
    /// </summary>
    public static string From(string? headerType, string? bodyType, HttpStatusCode statusCode)
    {
        var raw = !string.IsNullOrWhiteSpace(headerType) ? headerType : bodyType;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return AwsErrorAnswer.CodeFromStatus(statusCode);
        }

        var code = raw.AsSpan().Trim();
        var colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        return code[(hash + 1)..].ToString();
    }
}
