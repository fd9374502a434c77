import * as pulumi from "@pulumi/pulumi";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "./pipelineFile";
import { Architecture } from "./settings";

/** Set by the mock tests: they check the resources, not the package, and must not need a 20-second publish. */
export const skipBuildVariable = "TELEMETRY_SKIP_FUNCTION_BUILD";

/**
 * The functions' deployment package: `dotnet publish` of processors/Telemetry.Functions for the target
 * architecture, framework-dependent (the managed dotnet10 runtime provides .NET), into infra/bin/functions.
 * Built by the program itself so that `pulumi up` needs no separate build step.
 */
export function functionCode(architecture: Architecture): pulumi.asset.Archive {
    if (process.env[skipBuildVariable] === "1") {
        return new pulumi.asset.AssetArchive({ "README.txt": new pulumi.asset.StringAsset(`placeholder: ${skipBuildVariable}=1`) });
    }

    const root = repoRoot();
    const runtimeId = architecture === "arm64" ? "linux-arm64" : "linux-x64";
    const output = path.join(root, "infra", "bin", "functions", runtimeId);
    // A clean folder: files left by an older build would otherwise be shipped.
    fs.rmSync(output, { recursive: true, force: true });
    const result = spawnSync("dotnet", [
        "publish", path.join(root, "processors", "Telemetry.Functions"),
        "-c", "Release", "-r", runtimeId, "--self-contained", "false", "-o", output, "-nologo",
    ], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.error !== undefined || result.status !== 0) {
        throw new Error(`dotnet publish of processors/Telemetry.Functions failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
    }
    return new pulumi.asset.FileArchive(output);
}
