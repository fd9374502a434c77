using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Telemetry.Contracts;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// Episode ids are a digest of the rule and the reading that raised the episode, so every redelivery, retry and
/// replay that raises it names it the same, and a subscriber can drop duplicates by id.
/// </summary>
public static class EpisodeIds
{
    public static string Of(string ruleId, ReadingId raisedBy)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        var text = string.Create(CultureInfo.InvariantCulture, $"{ruleId}\n{raisedBy.DeviceId}\n{raisedBy.Boot}\n{raisedBy.Sequence}");
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
