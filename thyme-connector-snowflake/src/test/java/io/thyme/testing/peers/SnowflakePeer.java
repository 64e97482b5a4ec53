package io.thyme.testing.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A Snowflake endpoint on 127.0.0.1 for Snowflake's own JDBC driver (plain http, {@code ssl=off}):
 * password and key-pair (JWT, signature checked) login, query requests with bound parameters,
 * describe-only requests, session close. Each statement is respelled for DuckDB (Snowflake type
 * names -> DuckDB's) and executed on an in-memory DuckDB database attached under the account's
 * database name, so filters, ordering, ties and types are evaluated by a real engine. Results come
 * back in the driver's JSON result format. Unquoted names are reported in upper case, as Snowflake
 * stores them.
 */
public final class SnowflakePeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES =
            Map.ofEntries(
                    Map.entry("NUMBER", "DECIMAL"),
                    Map.entry("INT", "BIGINT"),
                    Map.entry("INTEGER", "BIGINT"),
                    Map.entry("FLOAT", "DOUBLE"),
                    Map.entry("FLOAT8", "DOUBLE"),
                    Map.entry("STRING", "VARCHAR"),
                    Map.entry("TEXT", "VARCHAR"),
                    Map.entry("TIMESTAMP_NTZ", "TIMESTAMP"),
                    Map.entry("TIMESTAMP_LTZ", "TIMESTAMPTZ"),
                    Map.entry("TIMESTAMP_TZ", "TIMESTAMPTZ"));
    private static final int SELECT = 0x1000;
    private static final int INSERT = 12544;
    private static final int UPDATE = 12800;
    private static final int DELETE = 13056;
    private static final int DDL = 0x6000;
    private static final int TRANSACTION = 20480;
    private static final int ALTER_SESSION = 16640;
    private static final int USE = 17152;

    private final HttpServer server;
    private final Connection database;
    private final String user;
    private final String password;
    private final PublicKey publicKey;
    private final String databaseName;
    private final String schemaName;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();

    private SnowflakePeer(
            HttpServer server,
            Connection database,
            String user,
            String password,
            PublicKey publicKey,
            String databaseName,
            String schemaName) {
        this.server = server;
        this.database = database;
        this.user = user;
        this.password = password;
        this.publicKey = publicKey;
        this.databaseName = databaseName;
        this.schemaName = schemaName;
    }

    /**
     * Starts a peer on a free port of 127.0.0.1 with one user (who logs in with the password or a
     * JWT signed by the private key of {@code publicKey}, which may be null) and one database with
     * one schema.
     */
    public static SnowflakePeer start(
            String user, String password, PublicKey publicKey, String databaseName, String schema)
            throws IOException, SQLException {
        Connection database = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = database.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("ATTACH ':memory:' AS " + SqlRewriter.quoteIdentifier(databaseName));
            s.execute(
                    "CREATE SCHEMA "
                            + SqlRewriter.quoteIdentifier(databaseName)
                            + "."
                            + SqlRewriter.quoteIdentifier(schema));
            s.execute(
                    "USE "
                            + SqlRewriter.quoteIdentifier(databaseName)
                            + "."
                            + SqlRewriter.quoteIdentifier(schema));
        }
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SnowflakePeer peer =
                new SnowflakePeer(
                        server, database, user, password, publicKey, databaseName, schema);
        server.createContext("/", peer::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return peer;
    }

    /** The URL to give a connection: {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            reply(exchange, route(exchange));
        } catch (RuntimeException | IOException e) {
            reply(exchange, failure("000603", "XX000", 603, "peer failure: " + e));
        } finally {
            exchange.close();
        }
    }

    private ObjectNode route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/session/v1/login-request")) {
            return login(JSON.readTree(body(exchange)).path("data"));
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token =
                authorization == null
                        ? ""
                        : authorization.replaceFirst("^Snowflake Token=\"(.*)\"$", "$1");
        if (!sessions.contains(token)) {
            return failure("390104", "08001", 390104, "no session for this token; log in first");
        }
        if (path.equals("/queries/v1/query-request")) {
            return query(JSON.readTree(body(exchange)));
        }
        if (path.equals("/session")) {
            sessions.remove(token);
        }
        ObjectNode ok = JSON.createObjectNode();
        ok.put("success", true);
        ok.putNull("data");
        return ok;
    }

    private ObjectNode login(JsonNode data) {
        boolean known = user.equalsIgnoreCase(data.path("LOGIN_NAME").asText());
        boolean jwt = "SNOWFLAKE_JWT".equalsIgnoreCase(data.path("AUTHENTICATOR").asText());
        boolean authenticated =
                known
                        && (jwt
                                ? validJwt(data.path("TOKEN").asText())
                                : password.equals(data.path("PASSWORD").asText()));
        if (!authenticated) {
            return failure(
                    "390100",
                    "08004",
                    390100,
                    jwt
                            ? "JWT token is invalid."
                            : "Incorrect username or password was specified.");
        }
        logins.incrementAndGet();
        String token = "peer-session-" + UUID.randomUUID();
        sessions.add(token);
        ObjectNode response = JSON.createObjectNode();
        response.put("success", true);
        ObjectNode out = response.putObject("data");
        out.put("token", token);
        out.put("masterToken", "peer-master-" + UUID.randomUUID());
        out.put("sessionId", logins.get());
        out.put("serverVersion", "8.0.0");
        out.put("masterValidityInSeconds", 14400);
        ObjectNode info = out.putObject("sessionInfo");
        info.put("databaseName", databaseName);
        info.put("schemaName", schemaName);
        info.put("warehouseName", "PEER_WH");
        info.put("roleName", "PUBLIC");
        ArrayNode parameters = out.putArray("parameters");
        parameters.addObject().put("name", "AUTOCOMMIT").put("value", true);
        parameters.addObject().put("name", "CLIENT_TELEMETRY_ENABLED").put("value", false);
        parameters.addObject().put("name", "CLIENT_SESSION_KEEP_ALIVE").put("value", false);
        parameters.addObject().put("name", "TIMEZONE").put("value", "UTC");
        // Like Snowflake, the session takes the parameters the client sent (as their types).
        data.path("SESSION_PARAMETERS")
                .fields()
                .forEachRemaining(
                        p -> {
                            ObjectNode parameter = parameters.addObject().put("name", p.getKey());
                            String value = p.getValue().asText();
                            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                                parameter.put("value", Boolean.parseBoolean(value));
                            } else {
                                parameter.put("value", value);
                            }
                        });
        return response;
    }

    /** An RS256 JWT whose subject is ACCOUNT.USER, signed by the user's registered key. */
    private boolean validJwt(String jwt) {
        String[] parts = jwt.split("\\.");
        if (publicKey == null || parts.length != 3) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("sub")
                            .asText()
                            .toUpperCase(Locale.ROOT)
                            .endsWith("." + user.toUpperCase(Locale.ROOT))
                    && claims.path("exp").asLong() > Instant.now().getEpochSecond();
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private ObjectNode query(JsonNode request) {
        String sql = request.path("sqlText").asText();
        boolean describeOnly = request.path("describeOnly").asBoolean();
        String queryId = UUID.randomUUID().toString();
        String keyword = firstKeyword(sql);
        int type = statementType(sql, keyword);
        ObjectNode response = JSON.createObjectNode();
        response.put("success", true);
        ObjectNode data = response.putObject("data");
        data.put("queryId", queryId);
        data.put("queryResultFormat", "json");
        data.put("statementTypeId", type);
        data.put("version", 1);
        data.put("arrayBindSupported", false);
        if (type == ALTER_SESSION || type == USE || type == TRANSACTION) {
            status(data, "Statement executed successfully.");
            return response;
        }
        AtomicInteger binds = new AtomicInteger();
        String duck = SqlRewriter.rewrite(sql, new Spelling(binds));
        data.put("numberOfBinds", binds.get());
        synchronized (database) {
            try (PreparedStatement statement = database.prepareStatement(duck)) {
                if (describeOnly) {
                    ResultSetMetaData meta = type == SELECT ? statement.getMetaData() : null;
                    if (meta != null) {
                        SnowflakeResults.writeRowType(meta, data);
                    } else {
                        data.putArray("rowtype");
                    }
                    data.putArray("rowset");
                    return response;
                }
                bind(statement, request.path("bindings"));
                if (statement.execute()) {
                    try (ResultSet rows = statement.getResultSet()) {
                        SnowflakeResults.writeRows(rows, data);
                    }
                } else if (type == DDL) {
                    status(data, "Statement executed successfully.");
                } else {
                    ArrayNode rowtype = data.putArray("rowtype");
                    ObjectNode count = rowtype.addObject();
                    count.put("name", "number of rows " + keyword.toLowerCase(Locale.ROOT));
                    count.put("type", "fixed");
                    count.put("precision", 38);
                    count.put("scale", 0);
                    count.put("nullable", false);
                    data.putArray("rowset")
                            .addArray()
                            .add(String.valueOf(Math.max(0, statement.getUpdateCount())));
                    data.put("total", 1);
                    data.put("returned", 1);
                }
            } catch (SQLException e) {
                ObjectNode failure =
                        failure(
                                "002003",
                                "42000",
                                2003,
                                "SQL compilation error: "
                                        + e.getMessage()
                                        + " [as DuckDB: "
                                        + duck
                                        + "]");
                ((ObjectNode) failure.get("data")).put("queryId", queryId);
                return failure;
            }
        }
        return response;
    }

    private static void status(ObjectNode data, String message) {
        ObjectNode column = data.putArray("rowtype").addObject();
        column.put("name", "status");
        column.put("type", "text");
        column.put("nullable", true);
        data.putArray("rowset").addArray().add(message);
        data.put("total", 1);
        data.put("returned", 1);
    }

    private static String firstKeyword(String sql) {
        String trimmed = sql.replaceAll("(?s)/\\*.*?\\*/", " ").trim();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static int statementType(String sql, String keyword) {
        switch (keyword) {
            case "SELECT":
            case "WITH":
            case "SHOW":
            case "DESCRIBE":
                return SELECT;
            case "INSERT":
                return INSERT;
            case "UPDATE":
                return UPDATE;
            case "DELETE":
                return DELETE;
            case "COMMIT":
            case "ROLLBACK":
            case "BEGIN":
                return TRANSACTION;
            case "USE":
                return USE;
            case "ALTER":
                return sql.toUpperCase(Locale.ROOT).matches("(?s).*ALTER\\s+SESSION.*")
                        ? ALTER_SESSION
                        : DDL;
            default:
                return DDL;
        }
    }

    private static void bind(PreparedStatement statement, JsonNode bindings) throws SQLException {
        Iterator<Map.Entry<String, JsonNode>> entries = bindings.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            int index = Integer.parseInt(entry.getKey());
            JsonNode value = entry.getValue().path("value");
            String type = entry.getValue().path("type").asText();
            if (value.isNull() || value.isMissingNode()) {
                statement.setObject(index, null);
                continue;
            }
            String text = value.asText();
            switch (type) {
                case "TEXT":
                    statement.setString(index, text);
                    break;
                case "FIXED":
                    statement.setBigDecimal(index, new BigDecimal(text));
                    break;
                case "REAL":
                    statement.setDouble(index, Double.parseDouble(text));
                    break;
                case "BOOLEAN":
                    statement.setBoolean(index, Boolean.parseBoolean(text));
                    break;
                case "DATE":
                    statement.setObject(
                            index,
                            LocalDate.ofEpochDay(Math.floorDiv(Long.parseLong(text), 86_400_000L)));
                    break;
                case "TIMESTAMP_NTZ":
                    statement.setObject(
                            index, LocalDateTime.ofInstant(nanos(text), ZoneOffset.UTC));
                    break;
                case "TIMESTAMP_LTZ":
                case "TIMESTAMP_TZ":
                    statement.setObject(index, nanos(text).atOffset(ZoneOffset.UTC));
                    break;
                default:
                    throw new IllegalArgumentException("the peer does not bind " + type);
            }
        }
    }

    private static Instant nanos(String text) {
        long nanos = Long.parseLong(text.trim().split(" ")[0]);
        return Instant.ofEpochSecond(
                Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static ObjectNode failure(String code, String sqlState, int errorCode, String message) {
        ObjectNode response = JSON.createObjectNode();
        response.put("success", false);
        response.put("code", code);
        response.put("message", message);
        ObjectNode data = response.putObject("data");
        data.put("sqlState", sqlState);
        data.put("errorCode", errorCode);
        return response;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    private static void reply(HttpExchange exchange, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Runs DuckDB SQL on the peer's database directly, bypassing the protocol: bulk test data. */
    public void executeOnDuckDb(String sql) throws SQLException {
        synchronized (database) {
            try (Statement statement = database.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    /** Stops serving, lets requests in flight finish (up to 10 s), then closes the database. */
    @Override
    public void close() throws SQLException {
        server.stop(0);
        java.util.concurrent.ExecutorService handlers =
                (java.util.concurrent.ExecutorService) server.getExecutor();
        handlers.shutdown();
        try {
            handlers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (database) {
            database.close();
        }
    }

    /** Snowflake's spelling: "..." identifiers, ? parameters, its type names. */
    private static final class Spelling implements SqlRewriter.Dialect {
        private final AtomicInteger binds;

        Spelling(AtomicInteger binds) {
            this.binds = binds;
        }

        @Override
        public String backQuoted(String identifier) {
            throw new IllegalArgumentException("Snowflake does not quote with back quotes");
        }

        @Override
        public String doubleQuoted(String text) {
            return '"' + text + '"';
        }

        @Override
        public String parameter(String token) {
            binds.incrementAndGet();
            return "?";
        }

        @Override
        public Map<String, String> types() {
            return TYPES;
        }
    }
}
