import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDuration } from "../durations";

// The same tables as tests/Telemetry.Contracts.Tests/DurationsTests.cs: both sides must accept exactly the same text.
const accepted: [string, number][] = [
    ["500ms", 0.5], ["30s", 30], ["90s", 90], ["5m", 300], ["1h", 3600], ["1.5h", 5400], ["2d", 172800], ["0.25s", 0.25],
    ["0s", 0], [" 15S ", 15], ["\t2H\n", 7200], ["100MS", 0.1], ["-5m", -300], ["00:01:30", 90], ["1:00:00", 3600],
    ["1.00:00:00", 86400], ["23:59:59.5", 86399.5], ["-00:00:01", -1], ["36500d", 3_153_600_000], ["0.00000015s", 1e-7],
];

const refused = [
    "", "   ", "5", "30", "0", "5x", "s", ".5h", "5.h", "1,5h", "+5m", "5 m", "5m30s", "1e3s", "1e300d", "1e400s", "36501d",
    "99999999999999999999999999999999999999d", "01:30", "24:00:00", "00:60:00", "00:00:60", "1:2:3", "00:00:00.12345678",
    "1.02:03:04:05", "soon", "5\u017F",
];

test("parseDuration: the supported forms, in seconds", () => {
    for (const [text, seconds] of accepted) {
        assert.equal(parseDuration(text), seconds, JSON.stringify(text));
    }
});

test("parseDuration: anything outside the syntax or beyond 36500 days is null", () => {
    for (const text of refused) {
        assert.equal(parseDuration(text), null, JSON.stringify(text));
    }
});
