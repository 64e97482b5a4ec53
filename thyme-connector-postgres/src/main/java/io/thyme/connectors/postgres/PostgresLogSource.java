package io.thyme.connectors.postgres;

import io.thyme.cdc.DebeziumEnvelopeDecoder;
import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import io.thyme.event.JsonRowDecoder;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.cdc.connectors.base.options.StartupOptions;
import org.apache.flink.cdc.connectors.postgres.source.PostgresSourceBuilder;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * Log-based capture of one table through Flink CDC's incremental Postgres source: a snapshot of the
 * table first (in chunks, without locks), then the changes from the replication slot through
 * pgoutput and the table's own publication. Positions (the slot's LSN) are in Flink's checkpoints;
 * the slot is told how far it may free the log when a checkpoint completes.
 */
final class PostgresLogSource {
    private PostgresLogSource() {}

    static Source<Either<Row, InvalidRow>, ?, ?> create(
            PostgresConnection database,
            String[] table,
            String slot,
            String publication,
            EventSchema schema) {
        Properties debezium = new Properties();
        debezium.setProperty("publication.name", publication);
        debezium.setProperty("publication.autocreate.mode", "disabled");
        // Debezium's defaults (time.precision.mode=adaptive, decimal.handling.mode=precise): the
        // envelope carries its schema (PostgresChangeDecoder), so the decoder reads timestamps
        // to the microsecond and decimals exactly, as from a Debezium topic.
        for (Map.Entry<String, String> property : database.properties().entrySet()) {
            debezium.setProperty("database." + property.getKey(), property.getValue());
        }
        String origin =
                "postgres-wal://"
                        + database.host()
                        + ":"
                        + database.port()
                        + "/"
                        + database.database()
                        + "/"
                        + table[0]
                        + "."
                        + table[1];
        return PostgresSourceBuilder.PostgresIncrementalSource.<Either<Row, InvalidRow>>builder()
                .hostname(database.host())
                .port(database.port())
                .database(database.database())
                .schemaList(table[0])
                .tableList(table[0] + "." + table[1])
                .username(database.user())
                .password(database.password())
                .slotName(slot)
                .decodingPluginName("pgoutput")
                .heartbeatInterval(Duration.ofSeconds(30))
                .startupOptions(StartupOptions.initial())
                .debeziumProperties(debezium)
                .deserializer(
                        new PostgresChangeDecoder(
                                new DebeziumEnvelopeDecoder(new JsonRowDecoder(schema)),
                                origin,
                                schema.decodedType()))
                .build();
    }
}
