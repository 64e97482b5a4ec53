package io.thyme.connectors.postgres;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.SourceFactory;
import io.thyme.event.EncodedEvent;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.polling.PolledEvents;
import io.thyme.polling.PollingSettings;
import io.thyme.polling.PollingSource;
import io.thyme.polling.TablePollerFactory;
import io.thyme.sink.PreflightException;
import io.thyme.spec.CdcMode;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgresSource: on the shared polling framework, or with cdc debezium from the table's
 * write-ahead log through Flink CDC.
 */
public final class PostgresSourceFactory implements SourceFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSourceFactory.class);

    @Override
    public String kind() {
        return PostgresSourceOptions.KIND;
    }

    @Override
    public void check(JobSpec spec, ThymeConf conf) {
        PostgresConnection database = database(spec, conf);
        ConnectorSpec connector = spec.source().connector();
        String table = connector.requiredString(PostgresSourceOptions.TABLE);
        boolean log = spec.source().cdc() == CdcMode.DEBEZIUM;
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (Connection connection = database.connect()) {
            PostgresTable.describe(
                    connection,
                    table,
                    spec.dataset(),
                    spec.source().cursor().orElse(""),
                    problems,
                    warnings);
            if (!log) {
                PostgresTable.checkSeesOpenTransactions(connection, database.user(), warnings);
            }
            if (log) {
                String[] parts = PostgresTable.schemaAndName(table);
                PostgresReplication.check(connection, parts, problems);
                if (problems.isEmpty()) {
                    String publication =
                            PostgresSourceOptions.publicationName(connector, spec.dataset());
                    if (PostgresReplication.ensurePublication(connection, publication, parts)) {
                        LOG.info(
                                "{}: created publication {} for table {}",
                                spec.file(),
                                publication,
                                table);
                    }
                }
            }
        } catch (SQLException e) {
            throw new PreflightException(
                    String.format(
                            "%s: cannot connect to Postgres database '%s' at %s as %s: %s. Is it"
                                    + " running and reachable? Locally: scripts/postgres.sh start.",
                            spec.file(),
                            database.name(),
                            database.jdbcUrl(),
                            database.user(),
                            e.getMessage()),
                    e);
        }
        warnings.forEach(w -> LOG.warn("{}: {}", spec.file(), w));
        if (!problems.isEmpty()) {
            throw new PreflightException(
                    spec.file()
                            + ": PostgresSource cannot read "
                            + table
                            + ":\n  - "
                            + String.join("\n  - ", problems));
        }
    }

    @Override
    public Source<Either<Row, InvalidRow>, ?, ?> create(
            JobSpec spec, ThymeConf conf, EventSchema schema) {
        ConnectorSpec connector = spec.source().connector();
        PostgresConnection database = database(spec, conf);
        String table = connector.requiredString(PostgresSourceOptions.TABLE);
        if (spec.source().cdc() == CdcMode.DEBEZIUM) {
            return PostgresLogSource.create(
                    database,
                    PostgresTable.schemaAndName(table),
                    PostgresSourceOptions.slotName(connector, spec.dataset()),
                    PostgresSourceOptions.publicationName(connector, spec.dataset()),
                    schema);
        }
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
        ConnectorSpec connector = spec.source().connector();
        PostgresConnection database = database(spec, conf);
        String table = connector.requiredString(PostgresSourceOptions.TABLE);
        String cursor = spec.source().cursor().orElseThrow();
        PollingSettings settings =
                PollingSettings.of(
                        spec.source(),
                        PostgresSourceOptions.BATCH_SIZE,
                        PostgresSourceOptions.DEFAULT_BATCH_SIZE,
                        connector
                                .string(PostgresSourceOptions.BUCKETS)
                                .map(Integer::parseInt)
                                .orElse(0));
        TablePollerFactory pollers =
                polling -> new PostgresSnapshotPoller(database, table, schema, cursor, polling);
        return new PollingSource<>(pollers, settings, events);
    }

    private static PostgresConnection database(JobSpec spec, ThymeConf conf) {
        return conf.connection(
                        PostgresConnections.SECTION,
                        spec.source().connector().requiredString(PostgresSourceOptions.DATABASE))
                .orElseThrow();
    }
}
