package io.thyme.connectors.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.JobException;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.TableResult;
import io.thyme.connectors.sql.CursorPageQuery;
import io.thyme.connectors.sql.SqlDialect;
import io.thyme.event.EventSchema;
import io.thyme.event.FieldValues;
import io.thyme.event.InvalidRow;
import io.thyme.event.RowDecodeException;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PolledRowBuilder;
import io.thyme.polling.TablePoller;
import io.thyme.polling.split.PollingSplit;
import io.thyme.spec.FieldSpec;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads pages of a BigQuery table in (cursor, tie-breaker) order with named query parameters. Each
 * column is mapped to its field's type; a value that does not fit makes the row an {@link
 * InvalidRow}. BigQuery has no row ids: a row's identity is its values, so rows equal in every
 * column are read as one.
 */
final class BigQueryTablePoller implements TablePoller {
    private static final DateTimeFormatter DATETIME_PARAMETER =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final BigQueryConnection connection;
    private final BigQueryTable table;
    private final EventSchema schema;
    private final String cursor;
    private final int cursorIndex;
    private final List<String> columns = new ArrayList<>();
    private BigQuery client;

    /** Each field's column type, by field index; set when the table is described. */
    private StandardSQLTypeName[] types;

    BigQueryTablePoller(
            BigQueryConnection connection, BigQueryTable table, EventSchema schema, String cursor) {
        this.connection = connection;
        this.table = table;
        this.schema = schema;
        this.cursor = cursor;
        this.cursorIndex = schema.dataset().indexOf(cursor);
        schema.fields().forEach(f -> columns.add(f.name()));
    }

    private BigQuery client() throws IOException, InterruptedException {
        if (client == null) {
            BigQuery created = BigQueryClients.create(connection);
            List<String> problems = new ArrayList<>();
            table.describe(created, schema.dataset(), problems);
            if (!problems.isEmpty()) {
                throw new IOException(String.join("; ", problems));
            }
            types = new StandardSQLTypeName[schema.arity()];
            for (int i = 0; i < types.length; i++) {
                types[i] = table.columnType(schema.fields().get(i).name());
            }
            client = created;
        }
        return client;
    }

    @Override
    public Page read(
            PollingSplit split, Optional<Object> from, Optional<PagePosition> after, int limit)
            throws IOException, InterruptedException {
        try {
            return readPage(from, after, limit);
        } catch (BigQueryException | JobException e) {
            client = null;
            throw new IOException(
                    "reading " + table.displayName() + " from BigQuery: " + e.getMessage(), e);
        }
    }

    private Page readPage(Optional<Object> from, Optional<PagePosition> after, int limit)
            throws IOException, InterruptedException {
        BigQuery open = client();
        CursorPageQuery query =
                CursorPageQuery.build(
                        BigQueryDialect.INSTANCE,
                        table.quotedName(),
                        columns,
                        cursor,
                        from.isPresent(),
                        after.isPresent(),
                        limit);
        QueryJobConfiguration.Builder job =
                QueryJobConfiguration.newBuilder(query.sql()).setUseLegacySql(false);
        from.ifPresent(v -> job.addNamedParameter("from_cursor", cursorParameter(v)));
        after.ifPresent(
                p -> {
                    job.addNamedParameter("after_cursor", cursorParameter(p.cursor()));
                    job.addNamedParameter("after_tie", QueryParameterValue.string(p.tieBreaker()));
                });
        TableResult result = open.query(job.build());
        List<PolledRecord> rows = new ArrayList<>();
        PagePosition end = null;
        for (FieldValueList values : result.iterateAll()) {
            String tie = values.get(schema.arity()).getStringValue();
            Object cursorValue = cursorValue(values.get(cursorIndex));
            rows.add(decode(values, cursorValue));
            end = new PagePosition(cursorValue, tie);
        }
        return new Page(rows, Optional.ofNullable(end));
    }

    private QueryParameterValue cursorParameter(Object value) {
        if (value instanceof Instant) {
            Instant instant = (Instant) value;
            if (types[cursorIndex] == StandardSQLTypeName.DATETIME) {
                return QueryParameterValue.dateTime(
                        DATETIME_PARAMETER.format(
                                LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
            }
            return QueryParameterValue.timestamp(
                    instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
        } else if (value instanceof Long) {
            return QueryParameterValue.int64((Long) value);
        } else if (value instanceof LocalDate) {
            return QueryParameterValue.date(value.toString());
        }
        return QueryParameterValue.string((String) value);
    }

    private PolledRecord decode(FieldValueList values, Object cursorValue) {
        PolledRowBuilder row = new PolledRowBuilder(schema);
        for (int i = 0; i < schema.arity(); i++) {
            FieldValue value = values.get(i);
            FieldSpec field = schema.fields().get(i);
            StandardSQLTypeName type = types[i];
            row.field(
                    i,
                    value.isNull() ? null : String.valueOf(value.getValue()),
                    () -> value(value, field, type));
        }
        return row.build(
                cursorValue,
                () -> "bigquery://" + table.displayName() + "?" + cursor + "=" + cursorValue);
    }

    private static Object value(FieldValue value, FieldSpec field, StandardSQLTypeName type)
            throws RowDecodeException {
        try {
            switch (field.type().base()) {
                case STR:
                    return value.getStringValue();
                case INT:
                    return value.getLongValue();
                case FLOAT:
                    return FieldValues.checkFloat(value.getDoubleValue());
                case BOOL:
                    return value.getBooleanValue();
                case DATETIME:
                    return FieldValues.checkDatetime(instant(value, type));
                case DATE:
                    return FieldValues.checkDate(LocalDate.parse(value.getStringValue()));
                default:
                    throw new IllegalStateException("unknown type " + field.type());
            }
        } catch (NumberFormatException | java.time.DateTimeException | ArithmeticException e) {
            throw new RowDecodeException(
                    "'" + value.getValue() + "' is not a " + field.type() + ": " + e.getMessage());
        }
    }

    private static Instant instant(FieldValue value, StandardSQLTypeName type) {
        if (type == StandardSQLTypeName.DATETIME) {
            return LocalDateTime.parse(value.getStringValue().replace(' ', 'T'))
                    .toInstant(ZoneOffset.UTC);
        }
        return value.getTimestampInstant();
    }

    private Object cursorValue(FieldValue value) {
        switch (schema.fields().get(cursorIndex).type().base()) {
            case DATETIME:
                return instant(value, types[cursorIndex]);
            case INT:
                return value.getLongValue();
            case DATE:
                return LocalDate.parse(value.getStringValue());
            default:
                return value.getStringValue();
        }
    }

    @Override
    public void close() {
        client = null;
    }

    /** Back-quoted column names and {@code @name} parameters. */
    enum BigQueryDialect implements SqlDialect {
        INSTANCE;

        @Override
        public String column(String name) {
            return "`" + name + "`";
        }

        @Override
        public String parameter(CursorPageQuery.Parameter role) {
            switch (role) {
                case FROM:
                    return "@from_cursor";
                case AFTER_CURSOR:
                    return "@after_cursor";
                default:
                    return "@after_tie";
            }
        }
    }
}
