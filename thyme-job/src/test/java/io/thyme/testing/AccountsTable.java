package io.thyme.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thyme.event.FieldValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table of {@link LocalPostgres} with a column of each type the change-capture tests compare
 * (numeric with and without a scale, timestamp with microseconds and before 1970, timestamptz,
 * date, time, boolean, double, int4 extremes, nulls), its changes, and each row as the dataset
 * topic must carry it, computed from the database's own text of each value.
 */
public final class AccountsTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The dataset's fields for the table (price as str or float, tm as str or left out). */
    public static String fields(boolean priceIsFloat, boolean timeOfDay) {
        return String.join(
                "\n",
                "    id: {type: int, key: true}",
                "    name: str",
                "    amount: float",
                "    price: " + (priceIsFloat ? "Optional[float]" : "Optional[str]"),
                "    ratio: Optional[float]",
                "    seen: Optional[datetime]",
                "    at: {type: datetime, timestamp: true}",
                "    day: Optional[date]",
                "    active: bool",
                "    score: float",
                "    qty: int",
                timeOfDay ? "    tm: Optional[str]" : "");
    }

    private AccountsTable() {}

    /** Creates the table (REPLICA IDENTITY FULL) with rows 1, 2 and 3. */
    public static void create(String table) throws Exception {
        LocalPostgres.execute(
                "create table "
                        + table
                        + " (id bigint primary key, name text not null,"
                        + " amount numeric(10,2) not null, price numeric(12,4), ratio numeric,"
                        + " seen timestamp, at timestamptz not null, day date,"
                        + " active boolean not null, score double precision not null,"
                        + " qty integer not null, tm time)",
                "alter table " + table + " replica identity full",
                "insert into "
                        + table
                        + " values (1, 'ann', 12.34, 1.5, 3.14159265358979,"
                        + " '2024-05-01 10:00:00.123456', '2024-05-01 12:00:00.654321+02',"
                        + " '2024-05-01', true, 0.1, 7, '10:15:30.123456'),"
                        + " (2, 'bob', -0.05, null, null, null, '2024-05-01 10:01:00+00', null,"
                        + " false, 1e300, -2147483648, null),"
                        + " (3, 'cy', 99999999.99, 123456.7891, 12345678901234567890.123456789,"
                        + " '1969-12-31 23:59:59.999999', '2024-05-01 10:02:00.000001+00',"
                        + " '1900-01-01', true, -2.5, 2147483647, '23:59:59.999999')");
    }

    /** An UPDATE of row 2, a DELETE of row 3, an INSERT of row 4, each its own transaction. */
    public static void change(String table) throws Exception {
        LocalPostgres.execute(
                "update "
                        + table
                        + " set name = 'bob2', amount = 0.01, price = 0.0001, ratio = 1e-20,"
                        + " seen = '2024-05-02 00:00:00.000001',"
                        + " at = '2024-05-02 00:00:00.000001+00', day = '2024-02-29',"
                        + " tm = '00:00:00.000001' where id = 2",
                "delete from " + table + " where id = 3",
                "insert into "
                        + table
                        + " values (4, 'dee', 0, 99999999.9999, 0.5, '2024-05-03 23:59:59.5',"
                        + " '2024-05-03 23:59:59.5-07', '2024-05-03', false, 1.7976931348623157e308,"
                        + " 0, '12:00:00')");
    }

    /** Row 3's event time, which its delete (a tombstone) carries as record timestamp. */
    public static final Instant DELETED_AT = Instant.parse("2024-05-01T10:02:00.000001Z");

    /**
     * Row {@code id} as published: price as a float or its exact text, datetimes and times cut to
     * milliseconds when {@code millis} (what Debezium's time.precision.mode=connect sends), tm only
     * when {@code timeOfDay}.
     */
    public static Map<String, Object> row(
            String table, long id, boolean priceIsFloat, boolean millis, boolean timeOfDay)
            throws Exception {
        try (Connection connection = LocalPostgres.connect();
                Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery(
                                "select id, name, amount::text, price::text, ratio::text,"
                                        + " to_char(seen, 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
                                        + " to_char(at at time zone 'UTC',"
                                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
                                        + " day::text, active, score::text, qty, tm::text from "
                                        + table
                                        + " where id = "
                                        + id)) {
            assertThat(row.next()).as("row %s in the database", id).isTrue();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("id", row.getLong(1));
            values.put("name", row.getString(2));
            values.put("amount", new BigDecimal(row.getString(3)).doubleValue());
            String price = row.getString(4);
            values.put(
                    "price",
                    price == null || !priceIsFloat
                            ? price
                            : (Object) new BigDecimal(price).doubleValue());
            String ratio = row.getString(5);
            values.put("ratio", ratio == null ? null : new BigDecimal(ratio).doubleValue());
            String seen = row.getString(6);
            values.put(
                    "seen",
                    seen == null || !millis
                            ? seen
                            : FieldValues.formatDatetime(
                                    Instant.parse(seen).truncatedTo(ChronoUnit.MILLIS)));
            values.put("at", row.getString(7));
            values.put("day", row.getString(8));
            values.put("active", row.getBoolean(9));
            values.put("score", Double.parseDouble(row.getString(10)));
            values.put("qty", row.getLong(11));
            if (timeOfDay) {
                String tm = row.getString(12);
                values.put(
                        "tm",
                        tm == null
                                ? null
                                : LocalTime.parse(tm)
                                        .truncatedTo(millis ? ChronoUnit.MILLIS : ChronoUnit.MICROS)
                                        .format(DateTimeFormatter.ISO_LOCAL_TIME));
            }
            return values;
        }
    }

    /** A published value as the same map: integers as Long, other numbers as Double. */
    public static Map<String, Object> published(byte[] value) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(value).fields();
                fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode v = field.getValue();
            Object plain;
            if (v.isNull()) {
                plain = null;
            } else if (v.isIntegralNumber()) {
                plain = v.asLong();
            } else if (v.isNumber()) {
                plain = v.asDouble();
            } else if (v.isBoolean()) {
                plain = v.asBoolean();
            } else {
                plain = v.asText();
            }
            values.put(field.getKey(), plain);
        }
        return values;
    }
}
