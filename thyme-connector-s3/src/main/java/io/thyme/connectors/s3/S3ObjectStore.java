package io.thyme.connectors.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket through the AWS SDK v2: region, endpoint, addressing style and static credentials all
 * come from the connection, so the SDK never consults its default chains (which probe instance
 * metadata endpoints).
 */
final class S3ObjectStore implements ObjectStore {
    private final S3Client client;
    private final String bucket;
    private final String location;

    S3ObjectStore(S3Connection connection, String bucket) {
        // Belt and braces: nothing here may fall back to the EC2 instance metadata endpoint.
        if (System.getProperty("aws.disableEc2Metadata") == null) {
            System.setProperty("aws.disableEc2Metadata", "true");
        }
        var builder =
                S3Client.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .region(Region.of(connection.region()))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                connection.accessKeyId(),
                                                connection.secretAccessKey())))
                        .forcePathStyle(connection.pathStyle())
                        // Checksums only where S3 requires them: S3-compatible stores (MinIO,
                        // S3Proxy, ...) refuse the newer optional checksum headers.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        connection.endpointOverride().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        this.client = builder.build();
        this.bucket = bucket;
        this.location =
                "s3://" + bucket + connection.endpointOverride().map(e -> " at " + e).orElse("");
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        try {
            ListObjectsV2Request request =
                    ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                objects.add(
                        new StoredObject(
                                object.key(), object.lastModified().toEpochMilli(), object.size()));
            }
        } catch (SdkException e) {
            throw new IOException(
                    "cannot list " + location + "/" + prefix + ": " + e.getMessage(), e);
        }
        return objects;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return client.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (NoSuchKeyException e) {
            throw new ObjectGoneException(location + "/" + key + " is gone: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot read " + location + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String originOf(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public void close() {
        client.close();
    }
}
