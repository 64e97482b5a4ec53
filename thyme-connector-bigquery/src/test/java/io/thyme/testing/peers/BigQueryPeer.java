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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BigQuery REST endpoint on 127.0.0.1 for Google's own client library: {@code jobs.query} (POST
 * .../queries) and the calls that follow it (getQueryResults, jobs.get). Each received GoogleSQL
 * statement is respelled for DuckDB ({@code `project.dataset.table`} -> {@code "dataset"."table"},
 * {@code @name} -> a bound parameter, BigQuery type names -> DuckDB's) and executed on an in-memory
 * DuckDB database, so filters, ordering, ties and types are evaluated by a real engine. Results
 * come back in BigQuery's JSON encoding (TIMESTAMP as epoch microseconds when the client asks for
 * int64 timestamps). A dataset is a DuckDB schema; the project is not checked.
 */
public final class BigQueryPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUERIES =
            Pattern.compile("/bigquery/v2/projects/([^/]+)/queries/?(?:([^/?]+))?");
    private static final Pattern JOBS =
            Pattern.compile("/bigquery/v2/projects/([^/]+)/jobs/([^/?]+)");
    private static final Map<String, String> TYPES =
            Map.of(
                    "INT64", "BIGINT",
                    "FLOAT64", "DOUBLE",
                    "BOOL", "BOOLEAN",
                    "NUMERIC", "DECIMAL(38, 9)",
                    "BIGNUMERIC", "DECIMAL(38, 18)",
                    "TIMESTAMP", "TIMESTAMPTZ",
                    "DATETIME", "TIMESTAMP",
                    "STRING", "VARCHAR");

    private final HttpServer server;
    private final Connection database;

    /** The last few results, for clients that fetch a job's results again (bounded: memory). */
    private final Map<String, ObjectNode> finished =
            java.util.Collections.synchronizedMap(
                    new java.util.LinkedHashMap<>(16, 0.75f, false) {
                        private static final long serialVersionUID = 1L;

                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
                            return size() > 4;
                        }
                    });

    private final AtomicLong queries = new AtomicLong();

    private BigQueryPeer(HttpServer server, Connection database) {
        this.server = server;
        this.database = database;
    }

    /** Starts a peer on a free port of 127.0.0.1. */
    public static BigQueryPeer start() throws IOException, SQLException {
        Connection database = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = database.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        BigQueryPeer peer = new BigQueryPeer(server, database);
        server.createContext("/", peer::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return peer;
    }

    /** The endpoint to give a client: {@code http://127.0.0.1:port}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many statements the peer has executed. */
    public long queriesExecuted() {
        return queries.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (PeerException e) {
            reply(exchange, 400, error(400, "invalidQuery", e.getMessage()));
        } catch (RuntimeException | IOException e) {
            reply(exchange, 500, error(500, "backendError", String.valueOf(e)));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Matcher queryPath = QUERIES.matcher(path);
        Matcher jobPath = JOBS.matcher(path);
        if ("POST".equals(method) && queryPath.matches() && queryPath.group(2) == null) {
            JsonNode request = JSON.readTree(body(exchange));
            reply(exchange, 200, query(queryPath.group(1), request));
        } else if ("GET".equals(method) && queryPath.matches() && queryPath.group(2) != null) {
            ObjectNode done = finished.get(queryPath.group(2));
            if (done == null) {
                reply(exchange, 404, error(404, "notFound", "Not found: Job " + path));
            } else {
                ObjectNode results = done.deepCopy();
                results.put("kind", "bigquery#getQueryResultsResponse");
                reply(exchange, 200, results);
            }
        } else if ("GET".equals(method) && jobPath.matches()) {
            ObjectNode done = finished.get(jobPath.group(2));
            if (done == null) {
                reply(exchange, 404, error(404, "notFound", "Not found: Job " + path));
            } else {
                reply(exchange, 200, job(jobPath.group(1), jobPath.group(2), done));
            }
        } else {
            reply(
                    exchange,
                    404,
                    error(
                            404,
                            "notFound",
                            "the BigQuery peer does not serve " + method + " " + path));
        }
    }

    private ObjectNode query(String project, JsonNode request) {
        String sql = request.path("query").asText();
        if (request.path("useLegacySql").asBoolean(true) && request.has("useLegacySql")) {
            throw new PeerException("the peer speaks GoogleSQL only; set useLegacySql to false");
        }
        boolean int64Timestamps =
                request.path("formatOptions").path("useInt64Timestamp").asBoolean();
        List<String> order = new ArrayList<>();
        String duck = SqlRewriter.rewrite(sql, new Spelling(project, order));
        Map<String, JsonNode> parameters = new java.util.HashMap<>();
        for (JsonNode p : request.path("queryParameters")) {
            parameters.put(p.path("name").asText(), p);
        }
        String jobId = "peer_" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode response = JSON.createObjectNode();
        response.put("kind", "bigquery#queryResponse");
        ObjectNode reference = response.putObject("jobReference");
        reference.put("projectId", project);
        reference.put("jobId", jobId);
        reference.put("location", "US");
        response.put("jobComplete", true);
        response.put("cacheHit", false);
        synchronized (database) {
            queries.incrementAndGet();
            try (PreparedStatement statement = database.prepareStatement(duck)) {
                for (int i = 0; i < order.size(); i++) {
                    JsonNode p = parameters.get(order.get(i));
                    if (p == null) {
                        throw new PeerException("Query parameter '" + order.get(i) + "' not found");
                    }
                    bind(statement, i + 1, p);
                }
                if (statement.execute()) {
                    try (ResultSet rows = statement.getResultSet()) {
                        writeRows(rows, response, int64Timestamps);
                    }
                } else {
                    response.put("numDmlAffectedRows", String.valueOf(statement.getUpdateCount()));
                    response.put("totalRows", "0");
                    response.putObject("schema").putArray("fields");
                }
            } catch (SQLException e) {
                throw new PeerException(e.getMessage() + " [as DuckDB: " + duck + "]");
            }
        }
        finished.put(jobId, response);
        return response;
    }

    private static void bind(PreparedStatement statement, int index, JsonNode parameter)
            throws SQLException {
        String type = parameter.path("parameterType").path("type").asText();
        JsonNode valueNode = parameter.path("parameterValue").path("value");
        if (valueNode.isMissingNode() || valueNode.isNull()) {
            statement.setObject(index, null);
            return;
        }
        String value = valueNode.asText();
        switch (type) {
            case "STRING":
                statement.setString(index, value);
                break;
            case "INT64":
                statement.setLong(index, Long.parseLong(value));
                break;
            case "FLOAT64":
                statement.setDouble(index, Double.parseDouble(value));
                break;
            case "BOOL":
                statement.setBoolean(index, Boolean.parseBoolean(value));
                break;
            case "NUMERIC":
            case "BIGNUMERIC":
                statement.setBigDecimal(index, new BigDecimal(value));
                break;
            case "DATE":
                statement.setObject(index, LocalDate.parse(value));
                break;
            case "DATETIME":
                statement.setObject(index, LocalDateTime.parse(value.replace(' ', 'T')));
                break;
            case "TIMESTAMP":
                statement.setObject(index, timestamp(value));
                break;
            default:
                throw new PeerException("the peer does not bind parameters of type " + type);
        }
    }

    /** A TIMESTAMP parameter as the client formats it, e.g. 2024-05-01 10:00:00.123456+00:00. */
    private static OffsetDateTime timestamp(String value) {
        String iso = value.trim().replace(' ', 'T');
        if (iso.endsWith("UTC")) {
            iso = iso.substring(0, iso.length() - 3).trim() + "Z";
        }
        try {
            return OffsetDateTime.parse(iso);
        } catch (java.time.format.DateTimeParseException e) {
            return LocalDateTime.parse(iso).atOffset(java.time.ZoneOffset.UTC);
        }
    }

    private static void writeRows(ResultSet rows, ObjectNode response, boolean int64Timestamps)
            throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] types = new String[columns];
        ArrayNode fields = response.putObject("schema").putArray("fields");
        for (int c = 0; c < columns; c++) {
            types[c] = bigQueryType(meta.getColumnTypeName(c + 1));
            ObjectNode field = fields.addObject();
            field.put("name", meta.getColumnLabel(c + 1));
            field.put("type", types[c]);
            field.put("mode", "NULLABLE");
        }
        ArrayNode out = response.putArray("rows");
        long count = 0;
        while (rows.next()) {
            ArrayNode cells = out.addObject().putArray("f");
            for (int c = 0; c < columns; c++) {
                ObjectNode cell = cells.addObject();
                Object raw = rows.getObject(c + 1);
                if (raw == null) {
                    cell.putNull("v");
                } else {
                    cell.put("v", encode(rows, c + 1, types[c], int64Timestamps));
                }
            }
            count++;
        }
        response.put("totalRows", String.valueOf(count));
    }

    private static String encode(ResultSet rows, int column, String type, boolean int64Timestamps)
            throws SQLException {
        switch (type) {
            case "TIMESTAMP":
                Instant instant = rows.getObject(column, OffsetDateTime.class).toInstant();
                long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
                return int64Timestamps
                        ? String.valueOf(micros)
                        : BigDecimal.valueOf(micros, 6).toPlainString();
            case "DATETIME":
                return rows.getObject(column, LocalDateTime.class).toString();
            case "DATE":
                return rows.getObject(column, LocalDate.class).toString();
            case "BOOLEAN":
                return String.valueOf(rows.getBoolean(column));
            case "NUMERIC":
                return rows.getBigDecimal(column).toPlainString();
            case "FLOAT":
                return String.valueOf(rows.getDouble(column));
            default:
                return rows.getString(column);
        }
    }

    private static String bigQueryType(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) {
            return "NUMERIC";
        }
        switch (t) {
            case "BIGINT":
            case "INTEGER":
            case "SMALLINT":
            case "TINYINT":
            case "HUGEINT":
            case "UINTEGER":
            case "USMALLINT":
            case "UTINYINT":
                return "INTEGER";
            case "DOUBLE":
            case "FLOAT":
                return "FLOAT";
            case "BOOLEAN":
                return "BOOLEAN";
            case "TIMESTAMP WITH TIME ZONE":
                return "TIMESTAMP";
            case "TIMESTAMP":
                return "DATETIME";
            case "DATE":
                return "DATE";
            default:
                return "STRING";
        }
    }

    private static ObjectNode job(String project, String jobId, ObjectNode done) {
        ObjectNode job = JSON.createObjectNode();
        job.put("kind", "bigquery#job");
        job.put("id", project + ":US." + jobId);
        job.set("jobReference", done.get("jobReference"));
        job.putObject("status").put("state", "DONE");
        ObjectNode query = job.putObject("configuration").putObject("query");
        query.put("useLegacySql", false);
        job.putObject("statistics").putObject("query");
        return job;
    }

    private static ObjectNode error(int code, String reason, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("status", code == 404 ? "NOT_FOUND" : "INVALID_ARGUMENT");
        ObjectNode detail = error.putArray("errors").addObject();
        detail.put("reason", reason);
        detail.put("message", message);
        detail.put("domain", "global");
        return body;
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request body; Google's client gzips it. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new java.util.zip.GZIPInputStream(in);
        }
        return in.readAllBytes();
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

    /** A statement this peer refuses, answered like BigQuery: HTTP 400, reason invalidQuery. */
    private static final class PeerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PeerException(String message) {
            super(message);
        }
    }

    /** GoogleSQL's spelling: back-quoted paths, "..." string literals, @name parameters. */
    private static final class Spelling implements SqlRewriter.Dialect {
        private final String project;
        private final List<String> parameterOrder;

        Spelling(String project, List<String> parameterOrder) {
            this.project = project;
            this.parameterOrder = parameterOrder;
        }

        /**
         * project.dataset.table, dataset.table, project.dataset or a name; datasets are schemas.
         */
        @Override
        public String backQuoted(String identifier) {
            String[] parts = identifier.split("\\.");
            int first = parts.length == 3 || parts.length == 2 && parts[0].equals(project) ? 1 : 0;
            StringBuilder out = new StringBuilder();
            for (int i = first; i < parts.length; i++) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(SqlRewriter.quoteIdentifier(parts[i]));
            }
            return out.toString();
        }

        @Override
        public String doubleQuoted(String text) {
            return "'" + text.replace("'", "''") + "'";
        }

        @Override
        public String parameter(String token) {
            if ("?".equals(token)) {
                throw new PeerException("positional parameters are not supported by the peer");
            }
            parameterOrder.add(token.substring(1));
            return "?";
        }

        @Override
        public Map<String, String> types() {
            return TYPES;
        }
    }
}
