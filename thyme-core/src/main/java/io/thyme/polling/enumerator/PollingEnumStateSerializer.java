package io.thyme.polling.enumerator;

import io.thyme.polling.split.PollingSplit;
import io.thyme.polling.split.PollingSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes the enumerator's state into checkpoints; versioned like {@link PollingSplitSerializer}.
 */
public final class PollingEnumStateSerializer
        implements SimpleVersionedSerializer<PollingEnumState> {
    static final int VERSION_1 = 1;

    /** Splits in {@link PollingSplitSerializer}'s version 2 layout. */
    static final int VERSION_2 = 2;

    @Override
    public int getVersion() {
        return VERSION_2;
    }

    @Override
    public byte[] serialize(PollingEnumState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(state.splitsCreated());
            out.writeInt(state.unassigned().size());
            for (PollingSplit split : state.unassigned()) {
                PollingSplitSerializer.write(split, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public PollingEnumState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1 && version != VERSION_2) {
            throw new IOException(
                    "polling enumerator state of version "
                            + version
                            + ", this build reads up to "
                            + VERSION_2);
        }
        int splitVersion = version == VERSION_1 ? 1 : 2;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            boolean created = in.readBoolean();
            int count = in.readInt();
            List<PollingSplit> splits = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                splits.add(PollingSplitSerializer.read(splitVersion, in));
            }
            return new PollingEnumState(created, splits);
        }
    }
}
