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
 * Version 1 of the Iceberg split format; frozen bytes in the tests keep old checkpoints readable.
 */
public final class IcebergFileSplitSerializer
        implements SimpleVersionedSerializer<IcebergFileSplit> {
    public static final IcebergFileSplitSerializer INSTANCE = new IcebergFileSplitSerializer();
    private static final int VERSION = 1;

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
        if (version != VERSION) {
            throw new IOException(
                    "Iceberg split version "
                            + version
                            + " is unknown to this build (it reads version "
                            + VERSION
                            + "); restore with the build that wrote the checkpoint");
        }
        return read(new DataInputDeserializer(bytes));
    }

    public static void write(IcebergFileSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.splitId());
        out.writeLong(split.ordinal());
        out.writeLong(split.snapshotId());
        out.writeUTF(split.kind().name());
        writeFiles(split.added(), out);
        writeFiles(split.removed(), out);
        out.writeLong(split.recordsEmitted());
    }

    public static IcebergFileSplit read(DataInputView in) throws IOException {
        return new IcebergFileSplit(
                in.readUTF(),
                in.readLong(),
                in.readLong(),
                IcebergFileSplit.Kind.valueOf(in.readUTF()),
                readFiles(in),
                readFiles(in),
                in.readLong());
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
