package io.thyme.connectors.s3.reader;

import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.polling.CursorValues;

/** An object being read: lines consumed and the highest cursor value emitted. */
final class S3SplitState {
    private final S3ObjectSplit split;
    private long lines;
    private Object maxCursor;

    S3SplitState(S3ObjectSplit split) {
        this.split = split;
        this.lines = split.linesConsumed();
        this.maxCursor = split.maxCursor();
    }

    void emitted(S3Record record) {
        lines = record.linesConsumed();
        maxCursor = CursorValues.max(maxCursor, record.cursor());
    }

    Object maxCursor() {
        return maxCursor;
    }

    S3ObjectSplit toSplit() {
        return split.at(lines, maxCursor);
    }
}
