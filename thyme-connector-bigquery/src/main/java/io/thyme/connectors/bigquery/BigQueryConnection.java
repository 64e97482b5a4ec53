package io.thyme.connectors.bigquery;

import java.io.Serializable;
import java.util.Optional;

/**
 * A named BigQuery project from {@code conf/thyme.yaml}: the project queries run in (and bill to),
 * a service-account key file, an optional location, and an optional endpoint (a private endpoint,
 * or the local peer the tests use). Credentials are always explicit: {@code credentials_file: none}
 * sends no credentials at all, for a peer; nothing falls back to Google's default chain, which
 * probes the metadata server.
 */
public record BigQueryConnection(
        String name, String project, String credentialsFile, String location, String endpoint)
        implements Serializable {
    /** The {@code credentials_file} value that sends no credentials (a local peer only). */
    public static final String NO_CREDENTIALS = "none";

    public boolean anonymous() {
        return NO_CREDENTIALS.equals(credentialsFile);
    }

    public Optional<String> endpointOverride() {
        return endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint);
    }

    public Optional<String> locationOverride() {
        return location.isEmpty() ? Optional.empty() : Optional.of(location);
    }

    @Override
    public String toString() {
        return String.format(
                "BigQueryConnection[%s, project=%s, credentials_file=%s, location=%s, endpoint=%s]",
                name,
                project,
                credentialsFile,
                location.isEmpty() ? "(default)" : location,
                endpoint.isEmpty() ? "(Google)" : endpoint);
    }
}
