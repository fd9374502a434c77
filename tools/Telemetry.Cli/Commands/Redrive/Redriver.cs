using Telemetry.Processing.Streams;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>
/// Re-drives an on-failure destination: each invocation record's range read back from its shard and run through the
/// function's own processing path; a batch leaves the destination only once every record of it was stored.
/// </summary>
/// <param name="process">The shared processing path with the target's stores; null in a dry run.</param>
/// <param name="progress">Where a line per batch goes (stderr), so stdout stays the result.</param>
public sealed class Redriver(ShardRangeReader reader, StreamBatchProcessor? process, TextWriter progress)
{
    // Bounds one call's memory and DynamoDB batch; identity makes the split invisible in the rollups.
    private const int RecordsPerCall = 1_000;

    public async Task<RedriveReport> RunAsync(IOnFailureSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var dryRun = process is null;
        var (batches, redriven, records, readings, rejected, lost, malformed, failed) = (0, 0, 0, 0, 0, 0, 0, 0);
        var problems = new List<RedriveProblem>();
        try
        {
            await foreach (var pending in source.ReadAsync(cancellationToken))
            {
                if (pending.Record is not { } range)
                {
                    malformed++;
                    problems.Add(new RedriveProblem(pending.Origin, $"not an invocation record ({pending.Error})"));
                    progress.WriteLine($"{pending.Origin}: not an invocation record ({pending.Error}); kept");
                    continue;
                }

                batches++;
                var read = await reader.ReadAsync(range, cancellationToken);
                records += read.Records.Count;
                lost += read.LostToRetention;
                var stored = true;
                if (process is not null)
                {
                    foreach (var chunk in read.Records.Chunk(RecordsPerCall))
                    {
                        var outcome = await process.ProcessAsync(chunk, cancellationToken);
                        readings += outcome.Accepted;
                        rejected += outcome.Rejected;
                        stored &= outcome.Succeeded;
                    }
                }

                var verb = dryRun ? "would re-drive" : "re-drove";
                if (read.Problem is not null)
                {
                    failed++;
                    problems.Add(new RedriveProblem(pending.Origin, $"{range}: {read.Problem}"));
                    progress.WriteLine($"{pending.Origin}: {range}: {read.Problem}; kept");
                }
                else if (read.LostToRetention > 0)
                {
                    failed++;
                    var problem = $"{range}: {read.LostToRetention} of {range.BatchSize} records are no longer in the stream (trimmed after its retention period); {verb} the {read.Records.Count} still there";
                    problems.Add(new RedriveProblem(pending.Origin, problem));
                    progress.WriteLine($"{pending.Origin}: {problem}; kept");
                }
                else if (!stored)
                {
                    failed++;
                    var problem = $"{range}: some records could not be stored (see the messages above); run redrive again";
                    problems.Add(new RedriveProblem(pending.Origin, problem));
                    progress.WriteLine($"{pending.Origin}: {problem}; kept");
                }
                else
                {
                    redriven++;
                    progress.WriteLine($"{pending.Origin}: {verb} {range}");
                    if (!dryRun)
                    {
                        await source.MarkRedrivenAsync(pending, cancellationToken);
                    }
                }
            }
        }
        finally
        {
            // Also on cancellation or an error: what was processed is marked, the rest stays.
            await source.CompleteAsync(CancellationToken.None);
        }

        return new RedriveReport(source.Name, dryRun, batches, redriven, records, readings, rejected, lost, malformed, failed, problems);
    }
}
