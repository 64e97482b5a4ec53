package io.thyme.connectors;

import io.thyme.spec.CdcMode;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;

/**
 * The checks every connector gets from what its {@link ConnectorOptions} declare, run after its own
 * {@link ConnectorOptions#validate}: a connector that reads a table by its cursor needs one, and
 * cdc debezium needs records that can be envelopes, or a log to stream.
 */
public final class SourceShapeCheck {
    private SourceShapeCheck() {}

    public static void check(ConnectorOptions options, SourceSpec source, Problems problems) {
        boolean debezium = source.cdc() == CdcMode.DEBEZIUM;
        if (debezium && !options.readsEnvelopes() && !options.streamsLog()) {
            problems.add(
                    "source.cdc",
                    "%s polls tables, whose rows are not Debezium envelopes; use append or upsert",
                    options.kind());
        }
        boolean streamsItsLog = debezium && options.streamsLog();
        if (options.needsCursor()
                && !streamsItsLog
                && source.cursor().isEmpty()
                && !problems.reported("source.cursor")) {
            problems.add(
                    "source.cursor",
                    "%s reads incrementally and needs a cursor: name the field whose value only"
                            + " grows, e.g. cursor: ts%s",
                    options.kind(),
                    options.streamsLog() ? " (or stream the table's log with cdc: debezium)" : "");
        }
    }
}
