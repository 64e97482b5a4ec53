package io.thyme.connectors.postgres;

import io.thyme.event.InvalidRow;
import io.thyme.polling.CursorValues;
import io.thyme.polling.Poll;
import io.thyme.polling.PolledRecord;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.position.CursorWindowPosition;
import io.thyme.polling.position.PollPosition;
import io.thyme.polling.position.SnapshotPosition;
import io.thyme.polling.position.SnapshotPosition.Interrupted;
import io.thyme.polling.position.SnapshotPosition.Mark;
import io.thyme.polling.position.SnapshotProgress;
import io.thyme.polling.split.PollingSplit;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of a Postgres split, read in one REPEATABLE READ transaction and streamed with a
 * server-side cursor. The database keeps only the row versions the previous poll's snapshot could
 * not see, so each committed version is emitted exactly once without remembering rows. Rows are
 * read from a lower bound on the cursor: the newest cursor value at the previous poll minus
 * max_lateness, or lower while a transaction that began before then is still open (it stamps now()
 * and takes sequence values from its start). See {@link SnapshotPosition}.
 */
final class PostgresSnapshotPoll implements Poll {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSnapshotPoll.class);

    private final Connection connection;
    private final PostgresRowDecoder decoder;
    private final String origin;
    private final SnapshotProgress progress;
    private final List<PolledRecord> pending = new ArrayList<>(1);
    private final Object newestCursor;
    private final long markMicros;
    private final long oldestStartMicros;
    private PreparedStatement statement;
    private ResultSet rows;
    private SnapshotAges ages;
    private SnapshotPosition end;

    private PostgresSnapshotPoll(
            Connection connection,
            PostgresRowDecoder decoder,
            String origin,
            SnapshotPosition base,
            Object newestCursor,
            long markMicros,
            long oldestStartMicros) {
        this.connection = connection;
        this.decoder = decoder;
        this.origin = origin;
        this.progress = new SnapshotProgress(base);
        this.newestCursor = newestCursor;
        this.markMicros = markMicros;
        this.oldestStartMicros = oldestStartMicros;
    }

    static PostgresSnapshotPoll open(
            Connection connection,
            PostgresSnapshotQuery query,
            PostgresRowDecoder decoder,
            PollingSplit split,
            PollingSettings settings,
            String origin)
            throws SQLException {
        SnapshotPosition base = snapshotPosition(split);
        connection.setAutoCommit(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        Object newest;
        long markMicros;
        try (PreparedStatement newestQuery = connection.prepareStatement(query.newestCursor());
                ResultSet result = newestQuery.executeQuery()) {
            result.next();
            markMicros = result.getLong(1);
            newest = decoder.cursorValue(result, 2);
        }
        long oldestStart;
        try (PreparedStatement open =
                        connection.prepareStatement(PostgresSnapshotQuery.oldestOpenTransaction());
                ResultSet result = open.executeQuery()) {
            result.next();
            oldestStart = result.getLong(1);
        }
        connection.setAutoCommit(false);
        PostgresSnapshotPoll poll =
                new PostgresSnapshotPoll(
                        connection, decoder, origin, base, newest, markMicros, oldestStart);
        try {
            poll.start(query, split, settings);
        } catch (SQLException | RuntimeException e) {
            poll.close();
            throw e;
        }
        return poll;
    }

    /** A split that has not polled in snapshots yet starts at its old high-water mark, if any. */
    private static SnapshotPosition snapshotPosition(PollingSplit split) {
        PollPosition position = split.position();
        if (position instanceof SnapshotPosition) {
            return (SnapshotPosition) position;
        }
        Object highWaterMark = ((CursorWindowPosition) position).highWaterMark();
        if (highWaterMark != null) {
            LOG.warn(
                    "{} restored from a checkpoint of the older cursor-window format: its first poll"
                            + " reads again from {} minus max_lateness, and rows emitted in that"
                            + " window before the upgrade are emitted once more",
                    split.splitId(),
                    highWaterMark);
        }
        return SnapshotPosition.first(highWaterMark);
    }

    private void start(PostgresSnapshotQuery query, PollingSplit split, PollingSettings settings)
            throws SQLException {
        long xmin;
        long xmax;
        try (PreparedStatement snapshot =
                        connection.prepareStatement(PostgresSnapshotQuery.takeSnapshot());
                ResultSet result = snapshot.executeQuery()) {
            result.next();
            xmin = result.getLong(1);
            xmax = result.getLong(2);
            ages = SnapshotAges.of(xmax, result.getInt(3));
        }
        progress.started(xmin, xmax);
        pending.add(PolledRecord.snapshotTaken(xmin, xmax));
        SnapshotPosition base = progress.base();
        List<Object> bounds = lowerBounds(base, settings);
        boolean bucketed = split.bucketCount() > 1;
        statement =
                connection.prepareStatement(
                        query.rows(
                                bounds.size(),
                                bucketed,
                                base.hasSnapshot(),
                                base.interrupted().size()));
        int p = 1;
        for (Object bound : bounds) {
            bindCursor(p++, bound);
        }
        if (bucketed) {
            statement.setInt(p++, split.bucketCount());
            statement.setInt(p++, split.bucket());
        }
        if (base.hasSnapshot()) {
            statement.setLong(p++, ages.age(base.xmax()));
            statement.setLong(p++, ages.age(base.xmin()));
            statement.setArray(p++, agesOf(base.seen()));
        }
        for (Interrupted poll : base.interrupted()) {
            bindCursor(p++, poll.cursor());
            statement.setLong(p++, -ages.age(poll.xid()));
            statement.setString(p++, poll.ctid());
            statement.setLong(p++, ages.age(poll.xmin()));
            statement.setArray(p++, agesOf(poll.seen()));
        }
        statement.setFetchSize(settings.batchSize());
        rows = statement.executeQuery();
    }

    /**
     * The cursor values a row must reach (any of them) to be read: none on a first poll or while a
     * transaction older than every mark is open. Values of one type other than text are reduced to
     * the lowest here; text values are compared by the database, in the column's collation.
     */
    static List<Object> lowerBounds(SnapshotPosition base, PollingSettings settings) {
        List<Object> bounds = new ArrayList<>();
        if (!base.hasSnapshot()) {
            if (base.newestCursor() != null) {
                bounds.add(behind(base.newestCursor(), settings));
            }
            return bounds;
        }
        Mark before = null;
        for (Mark mark : base.marks()) {
            if (mark.atMicros() <= base.oldestStartMicros()) {
                before = mark;
            }
        }
        if (base.newestCursor() == null || before == null || before.newestCursor() == null) {
            return bounds;
        }
        Object lateness = behind(base.newestCursor(), settings);
        Object open = before.newestCursor();
        if (lateness instanceof String) {
            bounds.add(lateness);
            if (!lateness.equals(open)) {
                bounds.add(open);
            }
        } else {
            bounds.add(CursorValues.compare(lateness, open) <= 0 ? lateness : open);
        }
        return bounds;
    }

    /** max_lateness behind a cursor value, for datetime and date cursors; the value itself else. */
    private static Object behind(Object cursor, PollingSettings settings) {
        if (cursor instanceof LocalDate) {
            Instant midnight = ((LocalDate) cursor).atStartOfDay(ZoneOffset.UTC).toInstant();
            return LocalDate.ofInstant(midnight.minus(settings.overlap()), ZoneOffset.UTC);
        }
        return CursorValues.overlapStart(cursor, settings.overlap());
    }

    private void bindCursor(int index, Object value) throws SQLException {
        if (value instanceof Instant) {
            Instant instant = (Instant) value;
            if (decoder.cursorHasTimeZone()) {
                statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            }
        } else if (value instanceof Long) {
            statement.setLong(index, (Long) value);
        } else {
            statement.setObject(index, value);
        }
    }

    private Array agesOf(List<Long> ids) throws SQLException {
        Object[] values = new Object[ids.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ages.age(ids.get(i));
        }
        return connection.createArrayOf("bigint", values);
    }

    @Override
    public List<PolledRecord> next(int limit) throws SQLException {
        List<PolledRecord> batch = new ArrayList<>(Math.min(limit, 1024) + pending.size());
        batch.addAll(pending);
        pending.clear();
        int ageColumn = decoder.arity() + 1;
        int read = 0;
        while (read < limit) {
            if (!rows.next()) {
                finish();
                break;
            }
            long xid = ages.xid(rows.getInt(ageColumn));
            String ctid = rows.getString(ageColumn + 1);
            Either<Row, InvalidRow> decoded = decoder.decode(rows, origin, ctid);
            Object cursor =
                    decoded.isLeft() ? decoder.cursorOf(decoded.left()) : decoder.cursorValue(rows);
            batch.add(PolledRecord.snapshotRow(decoded, cursor, xid, ctid));
            progress.emitted(cursor, xid, ctid);
            read++;
        }
        return batch;
    }

    private void finish() throws SQLException {
        rows.close();
        statement.close();
        rows = null;
        statement = null;
        connection.commit();
        end = progress.finish(newestCursor, markMicros, oldestStartMicros);
    }

    @Override
    public boolean done() {
        return end != null;
    }

    @Override
    public PollPosition end() {
        return end;
    }

    @Override
    public PollPosition resumePosition() {
        return progress.position();
    }

    @Override
    public long openTransactionsSinceMillis() {
        return oldestStartMicros / 1000;
    }

    @Override
    public void close() {
        if (end != null) {
            return;
        }
        // cut short (a failure or shutdown): drop the connection with its transaction
        try {
            connection.close();
        } catch (SQLException e) {
            // the poller opens a new connection for the next poll
        }
    }
}
