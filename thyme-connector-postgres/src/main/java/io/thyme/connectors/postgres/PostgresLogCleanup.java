package io.thyme.connectors.postgres;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.SourceCleanup;
import io.thyme.spec.CdcMode;
import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.JobSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code cleanup} command for a log-based PostgresSource: drops its replication slot and its
 * publication. Run it after stopping the job for good (not between a stop and a restore: the slot
 * holds the position a savepoint resumes from). Flink-free, like {@code validate}.
 */
public final class PostgresLogCleanup implements SourceCleanup {

    @Override
    public boolean appliesTo(JobSpec spec) {
        return spec.source().connector().kind().equals(PostgresSourceOptions.KIND)
                && spec.source().cdc() == CdcMode.DEBEZIUM;
    }

    /** Drops the slot and the publication that exist; returns what was dropped. */
    @Override
    public List<String> run(JobSpec spec, ThymeConf conf) throws SQLException {
        ConnectorSpec connector = spec.source().connector();
        PostgresConnection database =
                conf.connection(
                                PostgresConnections.SECTION,
                                connector.requiredString(PostgresSourceOptions.DATABASE))
                        .orElseThrow();
        try (Connection connection = database.connect()) {
            return PostgresReplication.dropSlotAndPublication(
                    connection,
                    PostgresSourceOptions.slotName(connector, spec.dataset()),
                    PostgresSourceOptions.publicationName(connector, spec.dataset()));
        }
    }
}
