package io.thyme.connectors.s3.split;

import io.thyme.polling.CursorValues;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The S3 object split. Version 2 adds the listing, the start watermark and the newest event time;
 * version 1 (read, never written) has none of them. Frozen bytes of both in the tests keep old
 * checkpoints readable.
 */
public final class S3ObjectSplitSerializer implements SimpleVersionedSerializer<S3ObjectSplit> {
    public static final S3ObjectSplitSerializer INSTANCE = new S3ObjectSplitSerializer();
    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(S3ObjectSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public S3ObjectSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException(
                    "S3 object split version "
                            + version
                            + " is unknown to this build (it reads version "
                            + VERSION
                            + "); restore with the build that wrote the checkpoint");
        }
        return read(version, new DataInputDeserializer(bytes));
    }

    public static void write(S3ObjectSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.key());
        out.writeLong(split.lastModifiedMillis());
        out.writeLong(split.size());
        writeNullable(split.rowsFrom(), out);
        out.writeLong(split.linesConsumed());
        writeNullable(split.maxCursor(), out);
        out.writeLong(split.listing());
        out.writeLong(split.watermarkMillis());
        out.writeLong(split.maxEventTimeMillis());
    }

    /** A split as {@link #write} wrote it in {@code version} (1 or 2). */
    public static S3ObjectSplit read(int version, DataInputView in) throws IOException {
        String key = in.readUTF();
        long lastModified = in.readLong();
        long size = in.readLong();
        Object rowsFrom = readNullable(in);
        long lines = in.readLong();
        Object maxCursor = readNullable(in);
        if (version == 1) {
            return new S3ObjectSplit(
                    key,
                    lastModified,
                    size,
                    rowsFrom,
                    S3ObjectSplit.UNKNOWN_LISTING,
                    S3ObjectSplit.NO_WATERMARK,
                    lines,
                    maxCursor,
                    S3ObjectSplit.NO_EVENT_TIME);
        }
        return new S3ObjectSplit(
                key,
                lastModified,
                size,
                rowsFrom,
                in.readLong(),
                in.readLong(),
                lines,
                maxCursor,
                in.readLong());
    }

    public static void writeNullable(Object cursor, DataOutputView out) throws IOException {
        out.writeBoolean(cursor != null);
        if (cursor != null) {
            CursorValues.write(cursor, out);
        }
    }

    public static Object readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? CursorValues.read(in) : null;
    }
}
