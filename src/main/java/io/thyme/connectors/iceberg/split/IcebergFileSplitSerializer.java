package io.thyme.connectors.iceberg.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The Iceberg split format; frozen bytes of every version in the tests keep old checkpoints
 * readable. Version 2 adds the split's lowest event time (version 1 splits read as unknown).
 */
public final class IcebergFileSplitSerializer
        implements SimpleVersionedSerializer<IcebergFileSplit> {
    public static final IcebergFileSplitSerializer INSTANCE = new IcebergFileSplitSerializer();
    static final int VERSION_1 = 1;
    static final int VERSION_2 = 2;
    private static final int VERSION = VERSION_2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(IcebergFileSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public IcebergFileSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION_1 && version != VERSION_2) {
            throw new IOException(
                    "Iceberg split version "
                            + version
                            + " is unknown to this build (it reads version "
                            + VERSION
                            + "); restore with the build that wrote the checkpoint");
        }
        return read(version, new DataInputDeserializer(bytes));
    }

    public static void write(IcebergFileSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.splitId());
        out.writeLong(split.ordinal());
        out.writeLong(split.snapshotId());
        out.writeUTF(split.kind().name());
        writeFiles(split.added(), out);
        writeFiles(split.removed(), out);
        out.writeLong(split.recordsEmitted());
        out.writeLong(split.minEventTimeMillis());
    }

    /** Reads a split written in {@code version}'s layout. */
    public static IcebergFileSplit read(int version, DataInputView in) throws IOException {
        String id = in.readUTF();
        long ordinal = in.readLong();
        long snapshotId = in.readLong();
        IcebergFileSplit.Kind kind = IcebergFileSplit.Kind.valueOf(in.readUTF());
        List<IcebergDataFile> added = readFiles(in);
        List<IcebergDataFile> removed = readFiles(in);
        long emitted = in.readLong();
        long minEventTime =
                version >= VERSION_2 ? in.readLong() : IcebergFileSplit.UNKNOWN_EVENT_TIME;
        return new IcebergFileSplit(
                id, ordinal, snapshotId, kind, added, removed, emitted, minEventTime);
    }

    private static void writeFiles(List<IcebergDataFile> files, DataOutputView out)
            throws IOException {
        out.writeInt(files.size());
        for (IcebergDataFile file : files) {
            out.writeUTF(file.location());
            out.writeUTF(file.format());
            out.writeLong(file.recordCount());
            out.writeLong(file.sizeBytes());
        }
    }

    private static List<IcebergDataFile> readFiles(DataInputView in) throws IOException {
        int count = in.readInt();
        List<IcebergDataFile> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(
                    new IcebergDataFile(in.readUTF(), in.readUTF(), in.readLong(), in.readLong()));
        }
        return files;
    }
}
