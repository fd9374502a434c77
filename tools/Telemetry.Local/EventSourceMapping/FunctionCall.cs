namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// One invocation of the function's Stream entry point, as Lambda makes it: the event in, the response read whole,
/// and any exception the function throws taken as a function error (a cancelled host still stops).
/// </summary>
internal static class FunctionCall
{
    /// <summary>The response's bytes (null: the function returned no stream), or the error that stands for it.</summary>
    public static async Task<(byte[]? Response, string? Error)> InvokeAsync(ShardContext context, byte[] payload, CancellationToken cancellationToken)
    {
        context.Counters.Invoked();
        var started = context.Time.GetTimestamp();
        try
        {
            using var input = new MemoryStream(payload, writable: false);
            var output = await context.Handler!(input, cancellationToken);
            if (output is null)
            {
                return (null, null);
            }

            await using (output)
            {
                using var response = new MemoryStream();
                await output.CopyToAsync(response, cancellationToken);
                return (response.ToArray(), null);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any exception from the function is a function error, as in Lambda.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, $"the function threw {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            context.Counters.Ran(context.Time.GetElapsedTime(started));
        }
    }
}
