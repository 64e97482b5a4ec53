package io.thyme.connectors.s3;

import io.thyme.conf.ConnectionEntry;
import io.thyme.conf.ConnectionSection;
import java.util.List;

/** The {@code s3:} section of {@code conf/thyme.yaml}: object stores by name. */
public final class S3Connections {
    public static final ConnectionSection<S3Connection> SECTION =
            new ConnectionSection<>("s3", "object store", S3Connection.class, S3Connections::read);

    private S3Connections() {}

    static S3Connection read(ConnectionEntry store) {
        store.acceptOnly(
                List.of("endpoint", "region", "path_style", "access_key_id", "secret_access_key"));
        String given = store.optional("endpoint");
        String endpoint = given.isEmpty() ? "" : ConnectionEntry.absoluteFileUri(given);
        if (!endpoint.isEmpty()
                && !endpoint.startsWith("file:")
                && !ConnectionEntry.isHttpUrl(endpoint)) {
            store.problem(
                    "endpoint",
                    "'%s' is not an http(s) URL or a file: directory, e.g. http://127.0.0.1:9000"
                            + " or file:.thyme/objects",
                    given);
        }
        // a file: directory stands in for a bucket store and needs no region or credentials
        boolean local = endpoint.startsWith("file:");
        return new S3Connection(
                store.name(),
                endpoint,
                local ? "" : store.required("region"),
                store.bool("path_style").orElse(false),
                local ? "" : store.required("access_key_id"),
                local ? "" : store.required("secret_access_key"));
    }
}
