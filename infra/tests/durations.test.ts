import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseDuration } from "../durations";

// The cases the C# tests read too (tests/Shared/duration-cases.json): both sides must accept exactly the same text.
interface DurationCases { accepted: { text: string; ticks: string }[]; refused: string[] }
const cases = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "tests", "Shared", "duration-cases.json"), "utf8")) as DurationCases;
const accepted: [string, number][] = cases.accepted.map(c => [c.text, Number(BigInt(c.ticks)) / 1e7]);
const refused = cases.refused;

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
