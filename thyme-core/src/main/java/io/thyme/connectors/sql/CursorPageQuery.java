package io.thyme.connectors.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The page query of a warehouse table read by a cursor: the dataset's columns and a tie-breaker
 * (every column as text, each written as its length, ':' and the text, or 'n' for null, so that the
 * joined text of two rows is the same only if every column's text is: rows sharing a cursor value
 * have a total order the warehouse itself computes; rows equal in every column are one row to it),
 * rows at or after a cursor value and strictly after a page position, ordered by cursor and
 * tie-breaker, at most {@code limit} rows. The limit is an int this class formats; every value from
 * data is a bound parameter, in the order {@link #parameters()} lists.
 */
public final class CursorPageQuery {
    /** The column alias of the tie-breaker, read after the dataset's columns. */
    public static final String TIE_COLUMN = "thyme_tie";

    /** What a bound parameter carries. */
    public enum Parameter {
        /** The lowest cursor value of the poll (the overlap start). */
        FROM,
        /** The cursor value of the previous page's last row. */
        AFTER_CURSOR,
        /** The tie-breaker of the previous page's last row. */
        AFTER_TIE
    }

    private final String sql;
    private final List<Parameter> parameters;

    private CursorPageQuery(String sql, List<Parameter> parameters) {
        this.sql = sql;
        this.parameters = List.copyOf(parameters);
    }

    /** A problem text if the dataset's fields cannot be read with this query, else empty. */
    public static java.util.Optional<String> refusedField(java.util.List<String> fields) {
        return fields.stream()
                .filter(TIE_COLUMN::equalsIgnoreCase)
                .findFirst()
                .map(
                        f ->
                                "the field name "
                                        + f
                                        + " is reserved by the warehouse sources' page query;"
                                        + " rename the field");
    }

    public static CursorPageQuery build(
            SqlDialect dialect,
            String quotedTable,
            List<String> columns,
            String cursor,
            boolean from,
            boolean after,
            int limit) {
        List<String> quoted = new ArrayList<>();
        List<String> asText = new ArrayList<>();
        for (String column : columns) {
            String q = dialect.column(column);
            quoted.add(q);
            String text = "CAST(" + q + " AS STRING)";
            asText.add(
                    "COALESCE(CAST(LENGTH(" + text + ") AS STRING) || ':' || " + text + ", 'n')");
        }
        String tie = "(" + String.join(" || ", asText) + ")";
        String c = dialect.column(cursor);
        List<Parameter> parameters = new ArrayList<>();
        StringBuilder sql =
                new StringBuilder("SELECT ")
                        .append(String.join(", ", quoted))
                        .append(", ")
                        .append(tie)
                        .append(" AS ")
                        .append(TIE_COLUMN)
                        .append(" FROM ")
                        .append(quotedTable)
                        .append(" WHERE ")
                        .append(c)
                        .append(" IS NOT NULL");
        if (from) {
            sql.append(" AND ").append(c).append(" >= ").append(dialect.parameter(Parameter.FROM));
            parameters.add(Parameter.FROM);
        }
        if (after) {
            sql.append(" AND (")
                    .append(c)
                    .append(" > ")
                    .append(dialect.parameter(Parameter.AFTER_CURSOR))
                    .append(" OR (")
                    .append(c)
                    .append(" = ")
                    .append(dialect.parameter(Parameter.AFTER_CURSOR))
                    .append(" AND ")
                    .append(tie)
                    .append(" > ")
                    .append(dialect.parameter(Parameter.AFTER_TIE))
                    .append("))");
            parameters.add(Parameter.AFTER_CURSOR);
            parameters.add(Parameter.AFTER_CURSOR);
            parameters.add(Parameter.AFTER_TIE);
        }
        sql.append(" ORDER BY ")
                .append(c)
                .append(", ")
                .append(TIE_COLUMN)
                .append(" LIMIT ")
                .append(Math.max(1, limit));
        return new CursorPageQuery(sql.toString(), parameters);
    }

    public String sql() {
        return sql;
    }

    /** The parameters in the order their placeholders appear. */
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return sql;
    }
}
