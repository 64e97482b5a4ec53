package io.thyme.connectors.snowflake;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import net.snowflake.client.jdbc.SnowflakeDriver;

/**
 * Opens JDBC sessions from a named Snowflake account with Snowflake's own driver: password or
 * key-pair login, the account's warehouse, role, database and schema, results as JSON (the Arrow
 * format needs JVM flags a TaskManager may not have), timestamps rendered in UTC and the driver's
 * own logging at WARNING. Properties in the connection's {@code properties:} come last and win.
 */
final class SnowflakeClients {
    private SnowflakeClients() {}

    static String jdbcUrl(SnowflakeConnection account) {
        if (account.urlOverride().isEmpty()) {
            return "jdbc:snowflake://" + account.account() + ".snowflakecomputing.com/";
        }
        URI url = URI.create(account.url());
        boolean plain = "http".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : plain ? 80 : 443;
        return "jdbc:snowflake://" + url.getHost() + ":" + port + "/" + (plain ? "?ssl=off" : "");
    }

    static Connection connect(SnowflakeConnection account) throws SQLException {
        Properties properties = new Properties();
        properties.put("account", account.account());
        properties.put("user", account.user());
        if (account.keyPair()) {
            properties.put("private_key_file", account.privateKeyFile());
            if (!account.privateKeyPassphrase().isEmpty()) {
                properties.put("private_key_file_pwd", account.privateKeyPassphrase());
            }
        } else {
            properties.put("password", account.password());
        }
        properties.put("warehouse", account.warehouse());
        properties.put("db", account.database());
        properties.put("schema", account.schema());
        if (!account.role().isEmpty()) {
            properties.put("role", account.role());
        }
        properties.put("loginTimeout", "60");
        properties.put("JDBC_QUERY_RESULT_FORMAT", "JSON");
        properties.put("TIMEZONE", "UTC");
        properties.put("tracing", "WARNING");
        properties.putAll(account.properties());
        // Row identities and tie-breakers are built from timestamps as text: keep every digit.
        // TIMESTAMP_NTZ is read as UTC, whatever the TaskManager's time zone.
        properties.put("TIMESTAMP_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM");
        properties.put("TIMESTAMP_NTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9");
        properties.put("TIMESTAMP_LTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM");
        properties.put("TIMESTAMP_TZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM");
        properties.put("JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC", "true");
        Connection connection = new SnowflakeDriver().connect(jdbcUrl(account), properties);
        if (connection == null) {
            throw new SQLException("the Snowflake driver refused the URL " + jdbcUrl(account));
        }
        return connection;
    }
}
