package io.thyme.connectors.sql;

import io.thyme.connectors.CursorFieldCheck;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.Problems;
import io.thyme.spec.SourceSpec;

/** The dataset checks of a warehouse table read in {@link CursorPageQuery} pages. */
public final class PagedTableFields {
    private PagedTableFields() {}

    /** No field may take the page query's tie-breaker name; the cursor must be a usable field. */
    public static void check(SourceSpec source, DatasetSpec dataset, Problems problems) {
        CursorPageQuery.refusedField(dataset.fields().stream().map(FieldSpec::name).toList())
                .ifPresent(problem -> problems.add("dataset.fields", problem));
        CursorFieldCheck.check(source, dataset, problems);
    }
}
