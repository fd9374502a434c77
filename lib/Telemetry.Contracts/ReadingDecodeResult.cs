using System.Diagnostics.CodeAnalysis;

namespace Telemetry.Contracts;

/// <summary>The outcome of <see cref="ReadingDecoder.Decode"/>: either a valid reading or a reason it was rejected.</summary>
public sealed class ReadingDecodeResult
{
    private ReadingDecodeResult(Reading? reading, RejectReason reason, string message)
    {
        Reading = reading;
        Reason = reason;
        Message = message;
    }

    /// <summary>The decoded reading; <see langword="null"/> when rejected.</summary>
    public Reading? Reading { get; }

    /// <summary>Machine-readable reason; <see cref="RejectReason.None"/> when accepted.</summary>
    public RejectReason Reason { get; }

    /// <summary>Human-readable detail of the rejection (field, value, limit); empty when accepted.</summary>
    public string Message { get; }

    /// <summary><see langword="true"/> when the record decoded to a valid reading.</summary>
    [MemberNotNullWhen(true, nameof(Reading))]
    public bool IsAccepted => Reading is not null;

    /// <summary>Creates an accepted result.</summary>
    public static ReadingDecodeResult Accept(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new ReadingDecodeResult(reading, RejectReason.None, string.Empty);
    }

    /// <summary>Creates a rejected result; <paramref name="reason"/> must not be <see cref="RejectReason.None"/>.</summary>
    public static ReadingDecodeResult Reject(RejectReason reason, string message)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(reason, RejectReason.None);
        ArgumentNullException.ThrowIfNull(message);
        return new ReadingDecodeResult(null, reason, message);
    }

    /// <inheritdoc />
    public override string ToString() => IsAccepted ? "Accepted" : $"{Reason}: {Message}";
}
