// The duration syntax of lib/Telemetry.Contracts/Durations.cs (docs/durations-and-exit-codes.md), mirrored rule for
// rule so that a value the functions would refuse fails the preview: a number with a unit ms, s, m, h or d (any case,
// optional fraction), or a clock [d.]hh:mm:ss[.fffffff]; optional leading '-'; surrounding blanks ignored; at most
// 36500 days. A bare number is refused. BigInt ticks, as in C#, so the bound and the truncation to 100 ns agree.
const ticksPer: Record<string, bigint> = { ms: 10_000n, s: 10_000_000n, m: 600_000_000n, h: 36_000_000_000n, d: 864_000_000_000n };
const maxTicks = 36_500n * 864_000_000_000n;
const syntax = /^(-)?(?:([0-9]+)(?:\.([0-9]+))?([mM][sS]|[sSmMhHdD])|(?:([0-9]+)\.)?([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,7}))?)$/;

export const durationExamples = "500ms, 30s, 5m, 1.5h, 2d or 1.00:00:00";

/** The blanks both sides trim: space, tab, CR, LF. */
export function trimBlanks(text: string): string {
    return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
}

/** Seconds in `text`, or null when it is not a duration in the shared syntax. */
export function parseDuration(text: string): number | null {
    const m = syntax.exec(trimBlanks(text));
    if (!m) {
        return null;
    }
    let ticks: bigint;
    if (m[4] !== undefined) {
        const fraction = m[3] ?? "";
        ticks = (BigInt(m[2] + fraction) * ticksPer[m[4].toLowerCase()]) / 10n ** BigInt(fraction.length);
    } else {
        const [hours, minutes, seconds] = [Number(m[6]), Number(m[7]), Number(m[8])];
        if (hours > 23 || minutes > 59 || seconds > 59) {
            return null;
        }
        ticks = BigInt(m[5] ?? "0") * ticksPer.d + BigInt(hours) * ticksPer.h + BigInt(minutes) * ticksPer.m
            + BigInt(seconds) * ticksPer.s + BigInt((m[9] ?? "").padEnd(7, "0"));
    }
    if (ticks > maxTicks) {
        return null;
    }
    const seconds = Number(ticks) / 1e7;
    return m[1] ? -seconds : seconds;
}
