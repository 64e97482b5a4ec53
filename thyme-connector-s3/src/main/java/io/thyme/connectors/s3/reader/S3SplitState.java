package io.thyme.connectors.s3.reader;

import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.polling.CursorValues;

/** An object being read: lines consumed, the highest cursor value and newest event time emitted. */
final class S3SplitState {
    private final S3ObjectSplit split;
    private long lines;
    private Object maxCursor;
    private long maxEventTime;
    private boolean started;

    S3SplitState(S3ObjectSplit split) {
        this.split = split;
        this.lines = split.linesConsumed();
        this.maxCursor = split.maxCursor();
        this.maxEventTime = split.maxEventTimeMillis();
    }

    /** True once, at the object's first record: its start watermark is to be emitted. */
    boolean startWatermarkDue() {
        if (started) {
            return false;
        }
        started = true;
        return split.watermarkMillis() != S3ObjectSplit.NO_WATERMARK;
    }

    long startWatermark() {
        return split.watermarkMillis();
    }

    void emitted(S3Record record, long eventTime) {
        lines = record.linesConsumed();
        maxCursor = CursorValues.max(maxCursor, record.cursor());
        maxEventTime = Math.max(maxEventTime, eventTime);
    }

    Object maxCursor() {
        return maxCursor;
    }

    long maxEventTime() {
        return maxEventTime;
    }

    S3ObjectSplit toSplit() {
        return split.at(lines, maxCursor, maxEventTime);
    }
}
