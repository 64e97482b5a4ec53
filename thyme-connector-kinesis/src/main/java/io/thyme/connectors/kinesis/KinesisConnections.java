package io.thyme.connectors.kinesis;

import io.thyme.conf.ConnectionEntry;
import io.thyme.conf.ConnectionSection;
import java.util.List;

/** The {@code kinesis:} section of {@code conf/thyme.yaml}: AWS accounts by name. */
public final class KinesisConnections {
    public static final ConnectionSection<KinesisConnection> SECTION =
            new ConnectionSection<>(
                    "kinesis", "account", KinesisConnection.class, KinesisConnections::read);

    private KinesisConnections() {}

    static KinesisConnection read(ConnectionEntry account) {
        account.acceptOnly(List.of("endpoint", "region", "access_key_id", "secret_access_key"));
        String endpoint = account.optional("endpoint");
        if (!endpoint.isEmpty() && !ConnectionEntry.isHttpUrl(endpoint)) {
            account.problem(
                    "endpoint", "'%s' is not an http(s) URL, e.g. http://127.0.0.1:4567", endpoint);
        }
        return new KinesisConnection(
                account.name(),
                endpoint,
                account.required("region"),
                account.required("access_key_id"),
                account.required("secret_access_key"));
    }
}
