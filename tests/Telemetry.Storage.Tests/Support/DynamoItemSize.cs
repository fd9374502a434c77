using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Telemetry.Storage.Tests.Support;

// An item's size as DynamoDB counts it against 400 KB and bills it: names and values in bytes, a number about one
// byte per two significant digits plus one, three bytes per map or list and one per element.
internal static class DynamoItemSize
{
    public static int Of(Dictionary<string, AttributeValue> item) => item.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Of(a.Value));

    private static int Of(AttributeValue value) => value switch
    {
        { S: { } s } => Encoding.UTF8.GetByteCount(s),
        { N: { } n } => (n.TrimStart('-').Replace(".", "", StringComparison.Ordinal).Split('E', 'e')[0].Trim('0').Length + 1) / 2 + 1,
        { B: { } b } => (int)b.Length,
        { M: { } m } when value.IsMSet => 3 + m.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + Of(p.Value) + 1),
        { L: { } l } when value.IsLSet => 3 + l.Sum(e => Of(e) + 1),
        _ => 1,
    };
}
