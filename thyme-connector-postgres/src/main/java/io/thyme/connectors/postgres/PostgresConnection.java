package io.thyme.connectors.postgres;

import io.thyme.conf.SecretMask;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A named PostgreSQL database from {@code conf/thyme.yaml}: where it is, who connects, and JDBC
 * properties such as {@code sslmode}. {@link #toString()} masks the password.
 */
public record PostgresConnection(
        String name,
        String host,
        int port,
        String database,
        String user,
        String password,
        Map<String, String> properties)
        implements Serializable {

    public PostgresConnection {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Properties jdbcProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.putIfAbsent("ApplicationName", "thyme-sources");
        props.putIfAbsent("connectTimeout", "10");
        props.putIfAbsent("socketTimeout", "300");
        return props;
    }

    /**
     * Opens a connection with the driver in this jar directly: DriverManager does not see drivers
     * that a Flink job's user-code class loader loaded.
     */
    public java.sql.Connection connect() throws java.sql.SQLException {
        java.sql.Connection connection =
                new org.postgresql.Driver().connect(jdbcUrl(), jdbcProperties());
        if (connection == null) {
            throw new java.sql.SQLException("the Postgres driver does not accept " + jdbcUrl());
        }
        return connection;
    }

    @Override
    public String toString() {
        return "PostgresConnection{name="
                + name
                + ", url="
                + jdbcUrl()
                + ", user="
                + user
                + ", password=******, properties="
                + SecretMask.mask(properties)
                + "}";
    }
}
