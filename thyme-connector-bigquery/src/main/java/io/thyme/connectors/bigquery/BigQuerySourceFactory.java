package io.thyme.connectors.bigquery;

import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.JobException;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * BigQuerySource on the shared polling framework: one split (BigQuery parallelises each query
 * itself), pages of {@code batch_size} rows through the jobs.query API.
 */
public final class BigQuerySourceFactory implements SourceFactory {

    @Override
    public String kind() {
        return BigQuerySourceOptions.KIND;
    }

    @Override
    public void check(JobSpec spec, ThymeConf conf) {
        BigQueryConnection connection = connection(spec, conf);
        BigQueryTable table = table(spec, connection);
        List<String> problems = new ArrayList<>();
        try {
            table.describe(BigQueryClients.create(connection), spec.dataset(), problems);
        } catch (IOException | BigQueryException | JobException e) {
            throw new PreflightException(
                    String.format(
                            "%s: cannot read BigQuery table %s through connection '%s' (%s): %s",
                            spec.file(),
                            table.displayName(),
                            connection.name(),
                            connection.endpointOverride().orElse("Google's endpoint"),
                            e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException(spec.file() + ": interrupted while checking BigQuery", e);
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(
                    spec.file()
                            + ": BigQuerySource cannot read "
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
        BigQueryConnection connection = connection(spec, conf);
        BigQueryTable table = table(spec, connection);
        String cursor = spec.source().cursor().orElseThrow();
        PollingSettings settings =
                PollingSettings.of(
                        spec.source(),
                        BigQuerySourceOptions.BATCH_SIZE,
                        BigQuerySourceOptions.DEFAULT_BATCH_SIZE,
                        1);
        TablePollerFactory pollers =
                polling ->
                        new CursorWindowPoller(
                                new BigQueryTablePoller(connection, table, schema, cursor),
                                polling);
        return new PollingSource<>(pollers, settings, events);
    }

    private static BigQueryConnection connection(JobSpec spec, ThymeConf conf) {
        return conf.connection(
                        BigQueryConnections.SECTION,
                        spec.source().connector().requiredString(BigQuerySourceOptions.CONNECTION))
                .orElseThrow();
    }

    private static BigQueryTable table(JobSpec spec, BigQueryConnection connection) {
        ConnectorSpec connector = spec.source().connector();
        return new BigQueryTable(
                connector.string(BigQuerySourceOptions.PROJECT).orElse(connection.project()),
                connector.requiredString(BigQuerySourceOptions.DATASET),
                connector.requiredString(BigQuerySourceOptions.TABLE));
    }
}
