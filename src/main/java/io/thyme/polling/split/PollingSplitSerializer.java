package io.thyme.polling.split;

import io.thyme.polling.CursorValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes splits into checkpoints. Versioned: a new layout gets a new version and this class keeps
 * reading the old ones, so savepoints restore after upgrades (frozen bytes of each version are
 * tested under src/test/resources/serializer/).
 */
public final class PollingSplitSerializer implements SimpleVersionedSerializer<PollingSplit> {
    public static final PollingSplitSerializer INSTANCE = new PollingSplitSerializer();

    static final int VERSION_1 = 1;

    @Override
    public int getVersion() {
        return VERSION_1;
    }

    @Override
    public byte[] serialize(PollingSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    public static void write(PollingSplit split, DataOutputStream out) throws IOException {
        out.writeInt(split.bucket());
        out.writeInt(split.bucketCount());
        out.writeBoolean(split.highWaterMark().isPresent());
        if (split.highWaterMark().isPresent()) {
            CursorValues.write(split.highWaterMark().get(), out);
        }
        out.writeInt(split.emitted().size());
        for (Map.Entry<Long, Object> entry : split.emitted().entrySet()) {
            out.writeLong(entry.getKey());
            CursorValues.write(entry.getValue(), out);
        }
    }

    @Override
    public PollingSplit deserialize(int version, byte[] serialized) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(version, in);
        }
    }

    public static PollingSplit read(int version, DataInputStream in) throws IOException {
        switch (version) {
            case VERSION_1:
                int bucket = in.readInt();
                int bucketCount = in.readInt();
                Object highWaterMark = in.readBoolean() ? CursorValues.read(in) : null;
                int count = in.readInt();
                Map<Long, Object> emitted = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    emitted.put(in.readLong(), CursorValues.read(in));
                }
                return new PollingSplit(bucket, bucketCount, highWaterMark, emitted);
            default:
                throw new IOException(
                        "polling split serialized with version "
                                + version
                                + ", this build reads up to "
                                + VERSION_1
                                + "; restore with the newer build that wrote it");
        }
    }
}
