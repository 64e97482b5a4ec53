package io.thyme.connectors.kinesis.split;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Version 1 of the Kinesis shard split. */
public final class KinesisShardSplitSerializer
        implements SimpleVersionedSerializer<KinesisShardSplit> {
    public static final KinesisShardSplitSerializer INSTANCE = new KinesisShardSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KinesisShardSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisShardSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Kinesis split version "
                            + version
                            + " is unknown to this build (it reads version "
                            + VERSION
                            + "); restore with the build that wrote the checkpoint");
        }
        return read(new DataInputDeserializer(bytes));
    }

    public static void write(KinesisShardSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.shardId());
        out.writeInt(split.parents().size());
        for (String parent : split.parents()) {
            out.writeUTF(parent);
        }
        out.writeBoolean(split.startAt() != null);
        if (split.startAt() != null) {
            out.writeLong(split.startAt().toEpochMilli());
        }
        out.writeBoolean(split.lastSequenceNumber() != null);
        if (split.lastSequenceNumber() != null) {
            out.writeUTF(split.lastSequenceNumber());
        }
        out.writeBoolean(split.finished());
    }

    public static KinesisShardSplit read(DataInputView in) throws IOException {
        String shard = in.readUTF();
        int count = in.readInt();
        List<String> parents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parents.add(in.readUTF());
        }
        Instant startAt = in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
        String sequence = in.readBoolean() ? in.readUTF() : null;
        return new KinesisShardSplit(shard, parents, startAt, sequence, in.readBoolean());
    }
}
