package io.thyme.testing;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.s3.S3Connection;
import io.thyme.connectors.s3.S3Connections;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.Assertions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3Proxy that scripts/s3proxy.sh runs on 127.0.0.1 (port from THYME_S3_PORT): connections for
 * the source, and a client that writes objects the way a producer would.
 */
public final class LocalS3 {
    public static final String ACCESS_KEY = "thyme-test";
    public static final String SECRET_KEY = "thyme-test-secret";

    private LocalS3() {}

    /** A conf sinking to the broker at {@code bootstrapServers} with one S3 connection. */
    public static ThymeConf conf(
            String bootstrapServers,
            String topicPrefix,
            Duration checkpointInterval,
            S3Connection store) {
        return TestConf.sinkingTo(bootstrapServers, topicPrefix, topicPrefix, checkpointInterval)
                .withConnections(S3Connections.SECTION, Map.of(store.name(), store));
    }

    public static String endpoint() {
        return "http://127.0.0.1:" + System.getenv().getOrDefault("THYME_S3_PORT", "19000");
    }

    public static S3Connection connection(String name) {
        return new S3Connection(name, endpoint(), "us-east-1", true, ACCESS_KEY, SECRET_KEY);
    }

    /** Whether S3Proxy accepts connections at {@link #endpoint()}. */
    public static boolean isRunning() {
        URI uri = URI.create(endpoint());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void requireRunning() {
        if (!isRunning()) {
            Assertions.fail(
                    "no S3Proxy at %s; start one with scripts/s3proxy.sh start (or run"
                            + " scripts/test.sh, which does)",
                    endpoint());
        }
    }

    public static S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public static void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    public static void put(String bucket, String key, String content) {
        put(bucket, key, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void put(String bucket, String key, byte[] content) {
        try (S3Client s3 = client()) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        }
    }

    /** The object's last-modified time as S3 reports it (whole seconds). */
    public static Instant lastModified(String bucket, String key) {
        try (S3Client s3 = client()) {
            return s3.headObject(b -> b.bucket(bucket).key(key)).lastModified();
        }
    }

    public static byte[] gzip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
