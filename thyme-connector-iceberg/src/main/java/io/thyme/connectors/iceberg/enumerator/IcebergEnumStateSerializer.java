package io.thyme.connectors.iceberg.enumerator;

import io.thyme.connectors.iceberg.split.IcebergFileSplit;
import io.thyme.connectors.iceberg.split.IcebergFileSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The Iceberg enumerator checkpoint. Version 2 writes its pending splits in the split format's
 * version 2 (with their lowest event time), version 3 in its version 3 (with row-level deletes).
 */
public final class IcebergEnumStateSerializer
        implements SimpleVersionedSerializer<IcebergEnumState> {
    private static final int VERSION_1 = 1;
    private static final int VERSION = 3;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(IcebergEnumState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        state.position().write(out);
        out.writeInt(state.pending().size());
        for (IcebergFileSplit split : state.pending()) {
            IcebergFileSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public IcebergEnumState deserialize(int version, byte[] bytes) throws IOException {
        if (version < VERSION_1 || version > VERSION) {
            throw new IOException(
                    "Iceberg enumerator checkpoint version "
                            + version
                            + " is unknown to this build (it reads version "
                            + VERSION
                            + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        IcebergPosition position = IcebergPosition.read(in);
        int count = in.readInt();
        List<IcebergFileSplit> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pending.add(IcebergFileSplitSerializer.read(version, in));
        }
        return new IcebergEnumState(position, pending);
    }
}
