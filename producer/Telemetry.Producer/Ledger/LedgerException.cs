namespace Telemetry.Producer.Ledger;

/// <summary>A ledger file is missing, corrupt or of an unsupported version; the message says which, for a user.</summary>
public sealed class LedgerException : Exception
{
    public LedgerException()
    {
    }

    public LedgerException(string message)
        : base(message)
    {
    }

    public LedgerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
