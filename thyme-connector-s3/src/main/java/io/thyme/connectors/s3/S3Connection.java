package io.thyme.connectors.s3;

import io.thyme.conf.SecretMask;
import java.io.Serializable;
import java.util.Optional;

/**
 * A named object store from {@code conf/thyme.yaml} for S3JsonSource: an S3 endpoint with its
 * region, addressing style and credentials, or a local directory ({@code endpoint: file:/dir},
 * buckets are its subdirectories). Credentials are always explicit, never the SDK's default chain
 * (which would probe instance metadata). {@link #toString()} masks the secret key.
 */
public record S3Connection(
        String name,
        String endpoint,
        String region,
        boolean pathStyle,
        String accessKeyId,
        String secretAccessKey)
        implements Serializable {

    public boolean isLocal() {
        return endpoint.startsWith("file:");
    }

    /** The endpoint, or empty for AWS's regional default. */
    public Optional<String> endpointOverride() {
        return endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint);
    }

    @Override
    public String toString() {
        return String.format(
                "S3Connection[%s, endpoint=%s, region=%s, pathStyle=%s, accessKeyId=%s,"
                        + " secretAccessKey=%s]",
                name,
                endpoint.isEmpty() ? "(AWS default)" : endpoint,
                region,
                pathStyle,
                accessKeyId,
                SecretMask.mask("secret_access_key", secretAccessKey));
    }
}
