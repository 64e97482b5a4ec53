package io.thyme.spec;

import java.util.Arrays;
import java.util.Optional;

/** How incoming rows are read: the guide's {@code cdc} parameter. */
public enum CdcMode {
    /** Each row is a new event. */
    APPEND("append"),
    /** Each row is the latest state of its key. */
    UPSERT("upsert"),
    /** Each row is a Debezium envelope with before, after and op. */
    DEBEZIUM("debezium");

    private final String specName;

    CdcMode(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    public static Optional<CdcMode> fromSpecName(String name) {
        return Arrays.stream(values()).filter(m -> m.specName.equals(name)).findFirst();
    }
}
