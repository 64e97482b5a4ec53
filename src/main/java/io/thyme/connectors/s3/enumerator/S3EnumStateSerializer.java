package io.thyme.connectors.s3.enumerator;

import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.connectors.s3.split.S3ObjectSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Version 1 of the S3 enumerator checkpoint. */
public final class S3EnumStateSerializer implements SimpleVersionedSerializer<S3EnumState> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(S3EnumState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeLong(state.newestMillis());
        out.writeLong(state.cutoffMillis());
        out.writeInt(state.planned().size());
        for (Map.Entry<String, Long> entry : state.planned().entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
        S3ObjectSplitSerializer.writeNullable(state.rowCursor(), out);
        out.writeInt(state.pending().size());
        for (S3ObjectSplit split : state.pending()) {
            S3ObjectSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public S3EnumState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "S3 enumerator checkpoint version "
                            + version
                            + " is unknown to this build (it reads version "
                            + VERSION
                            + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        long newest = in.readLong();
        long cutoff = in.readLong();
        int count = in.readInt();
        Map<String, Long> planned = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            planned.put(in.readUTF(), in.readLong());
        }
        Object rowCursor = S3ObjectSplitSerializer.readNullable(in);
        int pendingCount = in.readInt();
        List<S3ObjectSplit> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            pending.add(S3ObjectSplitSerializer.read(in));
        }
        return new S3EnumState(newest, cutoff, planned, rowCursor, pending);
    }
}
