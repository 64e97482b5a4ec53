package io.thyme.connectors.snowflake;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.SourceFactory;
import io.thyme.event.EncodedEvent;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.polling.CursorWindowPoller;
import io.thyme.polling.PolledEvents;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.PollingSource;
import io.thyme.polling.TablePollerFactory;
import io.thyme.sink.PreflightException;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.JobSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * SnowflakeSource on the shared polling framework: one split (the warehouse parallelises each query
 * itself), pages of {@code batch_size} rows.
 */
public final class SnowflakeSourceFactory implements SourceFactory {

    @Override
    public String kind() {
        return SnowflakeSourceOptions.KIND;
    }

    @Override
    public void check(JobSpec spec, ThymeConf conf) {
        SnowflakeConnection account = account(spec, conf);
        SnowflakeTable table = table(spec, account);
        List<String> problems = new ArrayList<>();
        try (Connection connection = SnowflakeClients.connect(account)) {
            table.describe(connection, spec.dataset(), problems);
        } catch (SQLException e) {
            throw new PreflightException(
                    String.format(
                            "%s: cannot read Snowflake table %s through account '%s' (%s as %s):"
                                    + " %s",
                            spec.file(),
                            table.displayName(),
                            account.name(),
                            SnowflakeClients.jdbcUrl(account),
                            account.user(),
                            e.getMessage()),
                    e);
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(
                    spec.file()
                            + ": SnowflakeSource cannot read "
                            + table.displayName()
                            + ":\n  - "
                            + String.join("\n  - ", problems));
        }
    }

    @Override
    public Source<Either<Row, InvalidRow>, ?, ?> create(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        return polling(spec, conf, schema, PolledEvents.rows(schema));
    }

    /** In append mode the rows are encoded in the fetcher thread, off the task's. */
    @Override
    public Optional<Source<Either<EncodedEvent, InvalidRow>, ?, ?>> createEncoded(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        return PolledEvents.encodedFor(spec, schema)
                .map(events -> polling(spec, conf, schema, events));
    }

    private static <E> PollingSource<E> polling(
            JobSpec spec, ThymeConf conf, EventSchema schema, PolledEvents<E> events) {
        SnowflakeConnection account = account(spec, conf);
        SnowflakeTable table = table(spec, account);
        String cursor = spec.source().cursor().orElseThrow();
        PollingSettings settings =
                PollingSettings.of(
                        spec.source(),
                        SnowflakeSourceOptions.BATCH_SIZE,
                        SnowflakeSourceOptions.DEFAULT_BATCH_SIZE,
                        1);
        TablePollerFactory pollers =
                polling ->
                        new CursorWindowPoller(
                                new SnowflakeTablePoller(account, table, schema, cursor), polling);
        return new PollingSource<>(pollers, settings, events);
    }

    private static SnowflakeConnection account(JobSpec spec, ThymeConf conf) {
        return conf.connection(
                        SnowflakeConnections.SECTION,
                        spec.source().connector().requiredString(SnowflakeSourceOptions.CONNECTION))
                .orElseThrow();
    }

    private static SnowflakeTable table(JobSpec spec, SnowflakeConnection account) {
        ConnectorSpec connector = spec.source().connector();
        return new SnowflakeTable(
                connector.string(SnowflakeSourceOptions.DATABASE).orElse(account.database()),
                connector.string(SnowflakeSourceOptions.SCHEMA).orElse(account.schema()),
                connector.requiredString(SnowflakeSourceOptions.TABLE));
    }
}
