package io.thyme.connectors;

import io.thyme.polling.CursorValues;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;

/** The check of connectors with a cursor: the cursor field can be compared and is set. */
public final class CursorFieldCheck {
    private CursorFieldCheck() {}

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
