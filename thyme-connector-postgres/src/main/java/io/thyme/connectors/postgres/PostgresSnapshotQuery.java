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
 * <p>A row version's transaction id is its 32-bit {@code xmin} widened to 64 bits against the
 * poll's snapshot (its {@code xmax} and the low 32 bits of it are the first two parameters): ids
 * still in use are within 2^31 of it. Frozen ids from before 9.4 (below 3) count as old.
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

    /** The first statement of a poll's transaction, which takes its snapshot. */
    static String takeSnapshot() {
        return "select pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
                + " from pg_current_snapshot() s";
    }

    /**
     * The rows of a poll: the dataset's columns, then the row version's 64-bit transaction id and
     * ctid, in (cursor, transaction, ctid) order. Parameters in order: the snapshot's xmax and its
     * low 32 bits; {@code lowerBounds} cursor values (a row is read when at or above any); bucket
     * count and bucket; when {@code sincePrevious}, the previous snapshot's xmax, xmin and seen
     * transactions; for each interrupted poll its last row's cursor, transaction and ctid, its xmin
     * and its seen transactions.
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
                        .append(", r.thyme_xid, r.thyme_ctid::text from (select ")
                        .append(String.join(", ", inner))
                        .append(", t.ctid as thyme_ctid, case when t.xmin::text::bigint < 3 then 0")
                        .append(
                                " else ?::bigint - ((?::bigint - t.xmin::text::bigint + 4294967296)")
                        .append(" % 4294967296) end as thyme_xid from ")
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
            sql.append(" and (r.thyme_xid >= ? or (r.thyme_xid >= ? and r.thyme_xid <> all(?)))");
        }
        for (int i = 0; i < interruptedPolls; i++) {
            sql.append(" and not ((r.")
                    .append(quotedCursor)
                    .append(", r.thyme_xid, r.thyme_ctid) <= (?, ?, ?::tid)")
                    .append(" and (r.thyme_xid < ? or r.thyme_xid = any(?)))");
        }
        sql.append(" order by r.").append(quotedCursor).append(", r.thyme_xid, r.thyme_ctid");
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
