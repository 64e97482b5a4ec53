package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.split.IcebergFileSplit;

/** A split being read: how many of its records have been emitted. */
final class IcebergSplitState {
    private final IcebergFileSplit split;
    private long emitted;

    IcebergSplitState(IcebergFileSplit split) {
        this.split = split;
        this.emitted = split.recordsEmitted();
    }

    void emitted() {
        emitted++;
    }

    IcebergFileSplit toSplit() {
        return split.at(emitted);
    }
}
