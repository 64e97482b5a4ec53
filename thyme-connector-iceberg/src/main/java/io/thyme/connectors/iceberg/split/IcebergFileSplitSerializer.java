package io.thyme.connectors.iceberg.split;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Version 3 adds row-level deletes: each data file's delete files (and the delete files whose rows
 * it reads), the split's key deletes and its commit time (older splits have none).
 */
public final class IcebergFileSplitSerializer
        implements SimpleVersionedSerializer<IcebergFileSplit> {
    public static final IcebergFileSplitSerializer INSTANCE = new IcebergFileSplitSerializer();
    static final int VERSION_1 = 1;
    static final int VERSION_2 = 2;
    static final int VERSION_3 = 3;
    private static final int VERSION = VERSION_3;

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
        if (version < VERSION_1 || version > VERSION_3) {
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
        writeDeletes(split.keyDeletes(), out);
        out.writeLong(split.committedAtMillis());
    }

    /** Reads a split written in {@code version}'s layout. */
    public static IcebergFileSplit read(int version, DataInputView in) throws IOException {
        String id = in.readUTF();
        long ordinal = in.readLong();
        long snapshotId = in.readLong();
        IcebergFileSplit.Kind kind = IcebergFileSplit.Kind.valueOf(in.readUTF());
        List<IcebergDataFile> added = readFiles(version, in);
        List<IcebergDataFile> removed = readFiles(version, in);
        long emitted = in.readLong();
        long minEventTime =
                version >= VERSION_2 ? in.readLong() : IcebergFileSplit.UNKNOWN_EVENT_TIME;
        if (version < VERSION_3) {
            return new IcebergFileSplit(
                    id, ordinal, snapshotId, kind, added, removed, emitted, minEventTime);
        }
        List<IcebergDeleteFile> keyDeletes = readDeletes(in);
        long committedAt = in.readLong();
        return new IcebergFileSplit(
                id,
                ordinal,
                snapshotId,
                kind,
                added,
                removed,
                emitted,
                minEventTime,
                keyDeletes,
                committedAt);
    }

    private static void writeFiles(List<IcebergDataFile> files, DataOutputView out)
            throws IOException {
        out.writeInt(files.size());
        for (IcebergDataFile file : files) {
            out.writeUTF(file.location());
            out.writeUTF(file.format());
            out.writeLong(file.recordCount());
            out.writeLong(file.sizeBytes());
            writeDeletes(file.deletes(), out);
            writeDeletes(file.onlyDeletedBy(), out);
        }
    }

    private static List<IcebergDataFile> readFiles(int version, DataInputView in)
            throws IOException {
        int count = in.readInt();
        List<IcebergDataFile> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String location = in.readUTF();
            String format = in.readUTF();
            long records = in.readLong();
            long size = in.readLong();
            if (version < VERSION_3) {
                files.add(new IcebergDataFile(location, format, records, size));
            } else {
                files.add(
                        new IcebergDataFile(
                                location, format, records, size, readDeletes(in), readDeletes(in)));
            }
        }
        return files;
    }

    /** Delete files as location and JSON; the JSON as length and bytes (it may pass 64 KB). */
    private static void writeDeletes(List<IcebergDeleteFile> deletes, DataOutputView out)
            throws IOException {
        out.writeInt(deletes.size());
        for (IcebergDeleteFile delete : deletes) {
            out.writeUTF(delete.location());
            byte[] json = delete.json().getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
        }
    }

    private static List<IcebergDeleteFile> readDeletes(DataInputView in) throws IOException {
        int count = in.readInt();
        List<IcebergDeleteFile> deletes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String location = in.readUTF();
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            deletes.add(new IcebergDeleteFile(location, new String(json, StandardCharsets.UTF_8)));
        }
        return deletes;
    }
}
