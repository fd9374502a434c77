using System.Xml;
using System.Xml.Linq;

namespace Telemetry.Aws.QueryProtocol;

internal static class AwsQueryXml
{
    // No DTDs and no external resolution: an answer is data from the network, not a document to expand.
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <summary>The document, or null for an empty body or one that is not XML (a proxy's HTML page, a cut-off answer).</summary>
    public static XDocument? TryParse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(body);
            using var reader = XmlReader.Create(stream, Settings);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The first element of that local name anywhere below, whatever its namespace.</summary>
    public static XElement? Find(XContainer? container, params string[] localNames) =>
        container?.Descendants().FirstOrDefault(e => localNames.Contains(e.Name.LocalName, StringComparer.Ordinal));
}
