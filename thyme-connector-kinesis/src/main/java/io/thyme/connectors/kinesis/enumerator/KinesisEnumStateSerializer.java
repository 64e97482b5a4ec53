package io.thyme.connectors.kinesis.enumerator;

import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import io.thyme.connectors.kinesis.split.KinesisShardSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Version 1 of the Kinesis enumerator checkpoint. */
public final class KinesisEnumStateSerializer
        implements SimpleVersionedSerializer<KinesisEnumState> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KinesisEnumState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeBoolean(state.discovered());
        writeSet(state.assigned(), out);
        writeSet(state.finished(), out);
        out.writeInt(state.waiting().size());
        for (KinesisShardSplit split : state.waiting()) {
            KinesisShardSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisEnumState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Kinesis enumerator checkpoint version "
                            + version
                            + " is unknown to this build (it reads version "
                            + VERSION
                            + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        boolean discovered = in.readBoolean();
        Set<String> assigned = readSet(in);
        Set<String> finished = readSet(in);
        int count = in.readInt();
        List<KinesisShardSplit> waiting = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            waiting.add(KinesisShardSplitSerializer.read(in));
        }
        return new KinesisEnumState(discovered, assigned, finished, waiting);
    }

    private static void writeSet(Set<String> values, DataOutputView out) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static Set<String> readSet(DataInputView in) throws IOException {
        int count = in.readInt();
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}
