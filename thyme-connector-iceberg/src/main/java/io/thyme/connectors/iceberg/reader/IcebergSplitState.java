package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.split.IcebergFileSplit;

/** A split being read: how many of its records have been emitted. */
final class IcebergSplitState {
    private final IcebergFileSplit split;
    private long emitted;
    private boolean started;

    IcebergSplitState(IcebergFileSplit split) {
        this.split = split;
        this.emitted = split.recordsEmitted();
    }

    /** True once, at the split's first record: its watermark is to be emitted. */
    boolean startWatermarkDue() {
        if (started) {
            return false;
        }
        started = true;
        return true;
    }

    long minEventTimeMillis() {
        return split.minEventTimeMillis();
    }

    void emitted() {
        emitted++;
    }

    IcebergFileSplit toSplit() {
        return split.at(emitted);
    }
}
