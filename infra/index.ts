// The Pulumi program (Pulumi.yaml at the repository root: `main: infra/`). Stack config: infra/README.md.
import { deployPipeline } from "./pipeline";
import { awsContext } from "./policy";
import { loadSettings } from "./settings";

const context = awsContext();
const pipeline = deployPipeline(loadSettings(), context);

// `telemetry … --stack <name>` reads these through `pulumi stack output --json`.
export const streamName = pipeline.streamName;
export const streamArn = pipeline.streamArn;
export const tableName = pipeline.tableName;
export const bucketName = pipeline.bucketName;
export const busName = pipeline.busName;
export const deliveryStreamName = pipeline.deliveryStreamName;
export const glueDatabaseName = pipeline.glueDatabaseName;
export const glueTableName = pipeline.glueTableName;
export const athenaWorkgroupName = pipeline.athenaWorkgroupName;
export const readingsPerDeviceHourQueryId = pipeline.readingsPerDeviceHourQueryId;
export const functionNames = pipeline.functionNames;
export const scheduledFunctionNames = pipeline.scheduledFunctionNames;
export const opsTopicArn = pipeline.opsTopicArn;
export const alertTopicArn = pipeline.alertTopicArn;
export const alertQueueUrl = pipeline.alertQueueUrl;
export const alertQueueArn = pipeline.alertQueueArn;
export const region = context.region;
