package io.thyme.connectors.kinesis;

import io.thyme.conf.SecretMask;
import java.io.Serializable;
import java.util.Optional;

/**
 * A named Kinesis account from {@code conf/thyme.yaml}: region, optional endpoint (a VPC endpoint,
 * or a local peer), and static credentials. Nothing falls back to AWS's default chains, which probe
 * instance metadata. {@link #toString()} masks the secret key.
 */
public record KinesisConnection(
        String name, String endpoint, String region, String accessKeyId, String secretAccessKey)
        implements Serializable {

    public Optional<String> endpointOverride() {
        return endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint);
    }

    @Override
    public String toString() {
        return String.format(
                "KinesisConnection[%s, endpoint=%s, region=%s, accessKeyId=%s,"
                        + " secretAccessKey=%s]",
                name,
                endpoint.isEmpty() ? "(AWS default)" : endpoint,
                region,
                accessKeyId,
                SecretMask.mask("secret_access_key", secretAccessKey));
    }
}
