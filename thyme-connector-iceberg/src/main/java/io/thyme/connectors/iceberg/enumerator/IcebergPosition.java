package io.thyme.connectors.iceberg.enumerator;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How far the enumerator has planned: the last snapshot whose files became splits, the next split
 * ordinal, and the highest cursor value in the planned files' column statistics (Iceberg's own
 * representation: micros for timestamps, days for dates, a string or a number otherwise).
 */
public record IcebergPosition(long lastSnapshotId, long nextOrdinal, Object cursorHighWaterMark)
        implements Serializable {
    /** No snapshot planned yet. */
    public static final long NONE = -1L;

    private static final byte NO_CURSOR = 0;
    private static final byte LONG = 1;
    private static final byte INT = 2;
    private static final byte STRING = 3;

    public static IcebergPosition start() {
        return new IcebergPosition(NONE, 0, null);
    }

    public boolean started() {
        return lastSnapshotId != NONE;
    }

    public void write(DataOutputView out) throws IOException {
        out.writeLong(lastSnapshotId);
        out.writeLong(nextOrdinal);
        if (cursorHighWaterMark instanceof Long) {
            out.writeByte(LONG);
            out.writeLong((Long) cursorHighWaterMark);
        } else if (cursorHighWaterMark instanceof Integer) {
            out.writeByte(INT);
            out.writeInt((Integer) cursorHighWaterMark);
        } else if (cursorHighWaterMark != null) {
            out.writeByte(STRING);
            out.writeUTF(cursorHighWaterMark.toString());
        } else {
            out.writeByte(NO_CURSOR);
        }
    }

    public static IcebergPosition read(DataInputView in) throws IOException {
        long snapshot = in.readLong();
        long ordinal = in.readLong();
        byte tag = in.readByte();
        Object mark;
        switch (tag) {
            case LONG:
                mark = in.readLong();
                break;
            case INT:
                mark = in.readInt();
                break;
            case STRING:
                mark = in.readUTF();
                break;
            default:
                mark = null;
        }
        return new IcebergPosition(snapshot, ordinal, mark);
    }
}
