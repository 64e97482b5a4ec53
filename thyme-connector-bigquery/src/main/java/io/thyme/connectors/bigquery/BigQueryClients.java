package io.thyme.connectors.bigquery;

import com.google.auth.Credentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Builds BigQuery clients from a named connection: its project, its service-account key (never
 * Google's default credential chain, which probes the metadata server) and its endpoint.
 */
final class BigQueryClients {
    private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/bigquery");

    private BigQueryClients() {}

    static BigQuery create(BigQueryConnection connection) throws IOException {
        BigQueryOptions.Builder options =
                BigQueryOptions.newBuilder()
                        .setProjectId(connection.project())
                        .setCredentials(credentials(connection));
        connection.endpointOverride().ifPresent(options::setHost);
        connection.locationOverride().ifPresent(options::setLocation);
        return options.build().getService();
    }

    private static Credentials credentials(BigQueryConnection connection) throws IOException {
        if (connection.anonymous()) {
            return NoCredentials.getInstance();
        }
        try (InputStream key = new FileInputStream(connection.credentialsFile())) {
            return ServiceAccountCredentials.fromStream(key).createScoped(SCOPES);
        } catch (IOException e) {
            throw new IOException(
                    "cannot read the service-account key "
                            + connection.credentialsFile()
                            + " of bigquery connection '"
                            + connection.name()
                            + "' (credentials_file: a JSON key file, or none for a local peer): "
                            + e.getMessage(),
                    e);
        }
    }
}
