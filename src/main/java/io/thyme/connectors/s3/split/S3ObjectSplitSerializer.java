package io.thyme.connectors.s3.split;

import io.thyme.polling.CursorValues;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Version 1 of the S3 object split; frozen bytes in the tests keep old checkpoints readable. */
public final class S3ObjectSplitSerializer implements SimpleVersionedSerializer<S3ObjectSplit> {
    public static final S3ObjectSplitSerializer INSTANCE = new S3ObjectSplitSerializer();
    private static final int VERSION = 1;

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
        if (version != VERSION) {
            throw new IOException(
                    "S3 object split version "
                            + version
                            + " is unknown to this build (it reads version "
                            + VERSION
                            + "); restore with the build that wrote the checkpoint");
        }
        return read(new DataInputDeserializer(bytes));
    }

    public static void write(S3ObjectSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.key());
        out.writeLong(split.lastModifiedMillis());
        out.writeLong(split.size());
        writeNullable(split.rowsFrom(), out);
        out.writeLong(split.linesConsumed());
        writeNullable(split.maxCursor(), out);
    }

    public static S3ObjectSplit read(DataInputView in) throws IOException {
        return new S3ObjectSplit(
                in.readUTF(),
                in.readLong(),
                in.readLong(),
                readNullable(in),
                in.readLong(),
                readNullable(in));
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
