package io.thyme.connectors.kinesis;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Builds the SDK's Kinesis client from a connection: every setting explicit. */
public final class KinesisClients {
    private KinesisClients() {}

    public static KinesisClient create(KinesisConnection connection) {
        // JSON instead of CBOR on the wire: Kinesis accepts both, local peers only JSON.
        if (System.getProperty("aws.cborEnabled") == null) {
            System.setProperty("aws.cborEnabled", "false");
        }
        if (System.getProperty("aws.disableEc2Metadata") == null) {
            System.setProperty("aws.disableEc2Metadata", "true");
        }
        var builder =
                KinesisClient.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .region(Region.of(connection.region()))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                connection.accessKeyId(),
                                                connection.secretAccessKey())));
        connection.endpointOverride().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }
}
