package io.thyme.connectors.snowflake;

import io.thyme.conf.SecretMask;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * A named Snowflake account from {@code conf/thyme.yaml}: account identifier, user, a password or a
 * key-pair (private key file and optional passphrase), warehouse, role, the default database and
 * schema of the tables specs name, and an optional URL (a private link, or the local peer the tests
 * use; default {@code https://<account>.snowflakecomputing.com}). {@link #toString()} masks
 * secrets.
 */
public record SnowflakeConnection(
        String name,
        String account,
        String user,
        String password,
        String privateKeyFile,
        String privateKeyPassphrase,
        String warehouse,
        String role,
        String database,
        String schema,
        String url,
        Map<String, String> properties)
        implements Serializable {

    public SnowflakeConnection {
        properties = Map.copyOf(properties);
    }

    public boolean keyPair() {
        return !privateKeyFile.isEmpty();
    }

    public Optional<String> urlOverride() {
        return url.isEmpty() ? Optional.empty() : Optional.of(url);
    }

    @Override
    public String toString() {
        return String.format(
                "SnowflakeConnection[%s, account=%s, user=%s, %s, warehouse=%s, role=%s,"
                        + " database=%s, schema=%s, url=%s, properties=%s]",
                name,
                account,
                user,
                keyPair()
                        ? "private_key_file=" + privateKeyFile
                        : "password=" + SecretMask.mask("password", password),
                warehouse,
                role.isEmpty() ? "(default)" : role,
                database,
                schema,
                url.isEmpty() ? "(Snowflake)" : url,
                SecretMask.mask(properties));
    }
}
