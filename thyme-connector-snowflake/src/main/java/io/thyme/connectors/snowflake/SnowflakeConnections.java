package io.thyme.connectors.snowflake;

import io.thyme.conf.ConnectionEntry;
import io.thyme.conf.ConnectionSection;
import java.util.List;

/** The {@code snowflake:} section of {@code conf/thyme.yaml}: accounts by name. */
public final class SnowflakeConnections {
    public static final ConnectionSection<SnowflakeConnection> SECTION =
            new ConnectionSection<>(
                    "snowflake", "account", SnowflakeConnection.class, SnowflakeConnections::read);

    private SnowflakeConnections() {}

    static SnowflakeConnection read(ConnectionEntry a) {
        a.acceptOnly(
                List.of(
                        "account",
                        "user",
                        "password",
                        "private_key_file",
                        "private_key_passphrase",
                        "warehouse",
                        "role",
                        "database",
                        "schema",
                        "url",
                        "properties"));
        String password = a.optional("password");
        String keyFile = a.optional("private_key_file");
        if (password.isEmpty() == keyFile.isEmpty()) {
            a.problem(
                    "give exactly one of password and private_key_file (key-pair"
                            + " authentication)");
        }
        String url = a.optional("url");
        if (!url.isEmpty() && !ConnectionEntry.isHttpUrl(url)) {
            a.problem(
                    "url",
                    "'%s' is not an http(s) URL, e.g."
                            + " https://xy12345.privatelink.snowflakecomputing.com",
                    url);
        }
        return new SnowflakeConnection(
                a.name(),
                a.required("account"),
                a.required("user"),
                password,
                keyFile,
                a.optional("private_key_passphrase"),
                a.required("warehouse"),
                a.optional("role"),
                a.required("database"),
                a.required("schema"),
                url,
                a.properties());
    }
}
