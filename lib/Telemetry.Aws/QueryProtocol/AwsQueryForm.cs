using System.Text;

namespace Telemetry.Aws.QueryProtocol;

/// <summary>The body of an AWS Query request: form fields, with maps flattened the way the protocol names them.</summary>
internal static class AwsQueryForm
{
    /// <summary>
    /// Percent-encodes every field as RFC 3986 does (a space is %20, never +), so the bytes the service hashes for the
    /// signature cannot be read two ways.
    /// </summary>
    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));

    /// <summary>A map parameter: <c>name.entry.N.key</c> and <c>name.entry.N.value</c>, N counted from 1.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Map(string name, IReadOnlyDictionary<string, string>? map) =>
        (map ?? new Dictionary<string, string>()).SelectMany((entry, i) => new KeyValuePair<string, string>[]
        {
            new($"{name}.entry.{i + 1}.key", entry.Key),
            new($"{name}.entry.{i + 1}.value", entry.Value),
        });
}
