using System.Xml.Linq;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.QueryProtocol;

/// <summary>
/// An element of a Query answer, read defensively: a required element that is missing or empty becomes the service's
/// protocol error naming the action and the element, never a null further on.
/// </summary>
internal sealed class AwsQueryElement<TError>(AwsService<TError> service, string action, XElement element)
    where TError : Exception
{
    /// <summary>The <c>{Action}Result</c> element of a <c>{Action}Response</c>.</summary>
    public AwsQueryElement<TError> Result => Element(action + "Result");

    public AwsQueryElement<TError> Element(string name) => new(service, action, Child(name) ?? throw Missing(name));

    public string Text(string name) => OptionalText(name) ?? throw Missing(name);

    public string? OptionalText(string name) => Child(name)?.Value is { Length: > 0 } text ? text : null;

    /// <summary>The <c>member</c> elements of the list <paramref name="name"/>; AWS writes an empty list as an empty element.</summary>
    public IEnumerable<AwsQueryElement<TError>> Members(string name) =>
        (Child(name) ?? throw Missing(name)).Elements(element.Name.Namespace + "member").Select(member => new AwsQueryElement<TError>(service, action, member));

    // Children share the answer's default namespace (http://sns.amazonaws.com/doc/2010-03-31/ for SNS).
    private XElement? Child(string name) => element.Element(element.Name.Namespace + name);

    private TError Missing(string name) => service.ProtocolError($"{service.Name} answered {action} without <{name}> in <{element.Name.LocalName}>.");
}
