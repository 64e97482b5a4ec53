package io.thyme.spec;

import java.util.List;

/** One spec file: a dataset, the source that fills it, and what the validator warned about. */
public record JobSpec(String file, DatasetSpec dataset, SourceSpec source, List<String> warnings) {

    public JobSpec {
        warnings = List.copyOf(warnings);
    }
}
