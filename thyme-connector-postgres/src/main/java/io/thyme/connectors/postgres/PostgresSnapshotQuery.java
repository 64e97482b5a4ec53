package io.thyme.connectors.postgres;

import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a snapshot poll. Every comparison of cursor values happens in the database, in the
 * column's own collation; every value is a bound parameter; identifiers are quoted.
 *
 * <p>A row version's transaction is read as {@code age(xmin)}: its distance, in transactions, from
 * the transaction id the poll's first statement saw as the next one ({@link #takeSnapshot()} reads
 * that id through the age of id 3, and the database keeps it for the whole transaction). Ids still
 * in use are within 2^31 of it, so the 64-bit id is that base minus the age; ages are integer
 * arithmetic in the database, where a text round trip of {@code xmin} per row cost more than the
 * rest of the row's work. Frozen ids from before 9.4 (below 3) have the largest age and count as
 * old. Comparisons with 64-bit ids kept in state are bound as ages ({@link SnapshotAges}).
 */
final class PostgresSnapshotQuery {
    private final PostgresTable table;
    private final DatasetSpec dataset;
    private final String cursor;
    private final String quotedCursor;

    PostgresSnapshotQuery(PostgresTable table, DatasetSpec dataset, String cursor) {
        this.table = table;
        this.dataset = dataset;
        this.cursor = cursor;
        this.quotedCursor = PostgresTable.quote(cursor);
    }

    /** The clock (epoch microseconds) and the newest finite cursor value the table holds. */
    String newestCursor() {
        BaseType type = dataset.field(cursor).orElseThrow().type().base();
        String finite =
                type == BaseType.DATETIME || type == BaseType.DATE
                        ? " and isfinite(" + quotedCursor + ")"
                        : "";
        return "select (extract(epoch from clock_timestamp()) * 1000000)::bigint, (select max("
                + quotedCursor
                + ") from "
                + table.quotedName()
                + " where "
                + quotedCursor
                + " is not null"
                + finite
                + ")";
    }

    /**
     * When the oldest transaction open in this database (other than this session's) began, or now
     * when none is: a transaction stamps now() and takes sequence values after it begins.
     */
    static String oldestOpenTransaction() {
        return "select (extract(epoch from least(min(xact_start), clock_timestamp())) * 1000000)"
                + "::bigint from pg_stat_activity where datname = current_database()"
                + " and pid <> pg_backend_pid() and xact_start is not null";
    }

    /**
     * The first statement of a poll's transaction, which takes its snapshot: its xmin and xmax, and
     * the age of transaction id 3, from which the base of every {@code age(xmin)} in this
     * transaction follows.
     */
    static String takeSnapshot() {
        return "select pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint,"
                + " age('3'::xid) from pg_current_snapshot() s";
    }

    /**
     * The rows of a poll: the dataset's columns, then the row version's age and ctid, in (cursor,
     * transaction, ctid) order (age descending). Parameters in order: {@code lowerBounds} cursor
     * values (a row is read when at or above any); bucket count and bucket; when {@code
     * sincePrevious}, the ages of the previous snapshot's xmax and xmin and of its seen
     * transactions; for each interrupted poll its last row's cursor, negated age and ctid, the age
     * of its xmin and the ages of its seen transactions.
     */
    String rows(int lowerBounds, boolean bucketed, boolean sincePrevious, int interruptedPolls) {
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        for (FieldSpec field : dataset.fields()) {
            inner.add("t." + PostgresTable.quote(field.name()));
            outer.add("r." + PostgresTable.quote(field.name()));
        }
        StringBuilder sql =
                new StringBuilder("select ")
                        .append(String.join(", ", outer))
                        .append(", r.thyme_age, r.thyme_ctid::text from (select ")
                        .append(String.join(", ", inner))
                        .append(", t.ctid as thyme_ctid, age(t.xmin) as thyme_age from ")
                        .append(table.quotedName())
                        .append(" t where t.")
                        .append(quotedCursor)
                        .append(" is not null");
        if (lowerBounds > 0) {
            List<String> bounds = new ArrayList<>();
            for (int i = 0; i < lowerBounds; i++) {
                bounds.add("t." + quotedCursor + " >= ?");
            }
            sql.append(" and (").append(String.join(" or ", bounds)).append(")");
        }
        if (bucketed) {
            sql.append(" and mod(hashtext(")
                    .append(bucketText())
                    .append(")::bigint")
                    .append(" + 2147483648, ?) = ?");
        }
        sql.append(") r where true");
        if (sincePrevious) {
            sql.append(" and (r.thyme_age <= ? or (r.thyme_age <= ? and r.thyme_age <> all(?)))");
        }
        for (int i = 0; i < interruptedPolls; i++) {
            sql.append(" and not ((r.")
                    .append(quotedCursor)
                    .append(", -r.thyme_age::bigint, r.thyme_ctid) <= (?, ?::bigint, ?::tid)")
                    .append(" and (r.thyme_age > ? or r.thyme_age = any(?)))");
        }
        sql.append(" order by r.").append(quotedCursor).append(", r.thyme_age desc, r.thyme_ctid");
        return sql.toString();
    }

    /**
     * What a row's bucket is a hash of: its key fields, or all its values for a keyless dataset.
     */
    private String bucketText() {
        if (dataset.keyFields().isEmpty()) {
            return "t::text";
        }
        List<String> keys = new ArrayList<>();
        dataset.keyFields().forEach(k -> keys.add("t." + PostgresTable.quote(k.name()) + "::text"));
        return "concat_ws('|', " + String.join(", ", keys) + ")";
    }
}
