using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace Telemetry.Local.Emulators;

/// <summary>Real AWS SDK clients pointed at the emulators, with the fixed credentials they accept.</summary>
public static class LocalAws
{
    public const string Region = "us-east-1";

    // s3rver only accepts its own default key pair; the other emulators accept anything.
    public static readonly BasicAWSCredentials Credentials = new("S3RVER", "S3RVER");

    public static IAmazonDynamoDB DynamoDb(Uri endpoint) =>
        new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = Region });

    /// <summary>An SQS client for moto server at <paramref name="endpoint"/>, or for the queue URL's own server.</summary>
    public static IAmazonSQS Sqs(Uri endpoint) =>
        new AmazonSQSClient(Credentials, new AmazonSQSConfig { ServiceURL = endpoint.GetLeftPart(UriPartial.Authority), AuthenticationRegion = Region });

    public static IAmazonS3 S3(Uri endpoint) =>
        new AmazonS3Client(Credentials, new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            // s3rver stores an aws-chunked body (the SDK's default with trailing checksums) as it is, signatures and all.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        });
}
