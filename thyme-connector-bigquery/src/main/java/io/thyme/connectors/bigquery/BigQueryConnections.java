package io.thyme.connectors.bigquery;

import io.thyme.conf.ConnectionEntry;
import io.thyme.conf.ConnectionSection;
import java.util.List;

/** The {@code bigquery:} section of {@code conf/thyme.yaml}: projects by name. */
public final class BigQueryConnections {
    public static final ConnectionSection<BigQueryConnection> SECTION =
            new ConnectionSection<>(
                    "bigquery", "project", BigQueryConnection.class, BigQueryConnections::read);

    private BigQueryConnections() {}

    static BigQueryConnection read(ConnectionEntry p) {
        p.acceptOnly(List.of("project", "credentials_file", "location", "endpoint"));
        BigQueryConnection connection =
                new BigQueryConnection(
                        p.name(),
                        p.required("project"),
                        p.required("credentials_file"),
                        p.optional("location"),
                        p.optional("endpoint"));
        if (connection.anonymous() && connection.endpointOverride().isEmpty()) {
            p.problem(
                    "credentials_file",
                    "'none' sends no credentials, which only a local peer accepts; give its"
                            + " endpoint, or a service-account key file for Google");
        }
        connection
                .endpointOverride()
                .filter(e -> !ConnectionEntry.isHttpUrl(e))
                .ifPresent(
                        e ->
                                p.problem(
                                        "endpoint",
                                        "'%s' is not an http(s) URL, e.g."
                                                + " https://bigquery.example.com",
                                        e));
        return connection;
    }
}
