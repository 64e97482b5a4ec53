package io.thyme.connectors;

import io.thyme.polling.CursorValues;
import io.thyme.spec.CdcMode;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;

/**
 * The checks of connectors with a cursor: the cursor field can be compared and is set; and for
 * connectors that poll tables (whose rows are never Debezium envelopes), that there is a cursor and
 * cdc is not debezium.
 */
public final class CursorFieldCheck {
    private CursorFieldCheck() {}

    /**
     * The checks of a source that polls a table by its cursor, named {@code kind}, that need no
     * dataset: cdc is not debezium and there is a cursor (unless one of the wrong type is
     * reported).
     */
    public static void polledTable(String kind, SourceSpec source, Problems problems) {
        if (source.cdc() == CdcMode.DEBEZIUM) {
            problems.add(
                    "source.cdc",
                    "%s polls tables, whose rows are not Debezium envelopes; use append or upsert",
                    kind);
        }
        if (source.cursor().isEmpty() && !problems.reported("source.cursor")) {
            problems.add(
                    "source.cursor",
                    "%s reads incrementally and needs a cursor: name the field whose value only"
                            + " grows, e.g. cursor: ts",
                    kind);
        }
    }

    /** The cursor field of a valid dataset can be a cursor. */
    public static void check(SourceSpec source, DatasetSpec dataset, Problems problems) {
        source.cursor()
                .flatMap(dataset::field)
                .map(FieldSpec::type)
                .filter(t -> !CursorValues.canBeCursor(t.base()) || t.optional())
                .ifPresent(
                        t ->
                                problems.add(
                                        "source.cursor",
                                        "a cursor must be a datetime, int, date or str field that"
                                                + " is never null, not %s",
                                        t));
    }
}
