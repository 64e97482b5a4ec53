package io.thyme.polling.split;

import io.thyme.polling.CursorValues;
import io.thyme.polling.position.CursorWindowPosition;
import io.thyme.polling.position.PollPosition;
import io.thyme.polling.position.SnapshotPosition;
import io.thyme.polling.position.SnapshotPosition.Interrupted;
import io.thyme.polling.position.SnapshotPosition.Mark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes splits into checkpoints. Versioned: a new layout gets a new version and this class keeps
 * reading the old ones, so savepoints restore after upgrades (frozen bytes of each version are
 * tested under thyme-core/src/test/resources/serializer/). Version 1 held a cursor window only;
 * version 2 adds a tag for the position's kind and the snapshot position.
 */
public final class PollingSplitSerializer implements SimpleVersionedSerializer<PollingSplit> {
    public static final PollingSplitSerializer INSTANCE = new PollingSplitSerializer();

    static final int VERSION_1 = 1;
    static final int VERSION_2 = 2;
    public static final int CURRENT = VERSION_2;

    private static final byte CURSOR_WINDOW = 1;
    private static final byte SNAPSHOT = 2;

    @Override
    public int getVersion() {
        return CURRENT;
    }

    @Override
    public byte[] serialize(PollingSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    /** Writes the split in the current version's layout. */
    public static void write(PollingSplit split, DataOutputStream out) throws IOException {
        out.writeInt(split.bucket());
        out.writeInt(split.bucketCount());
        PollPosition position = split.position();
        if (position instanceof SnapshotPosition) {
            out.writeByte(SNAPSHOT);
            writeSnapshot((SnapshotPosition) position, out);
        } else {
            out.writeByte(CURSOR_WINDOW);
            writeWindow((CursorWindowPosition) position, out);
        }
    }

    private static void writeWindow(CursorWindowPosition window, DataOutputStream out)
            throws IOException {
        writeNullable(window.highWaterMark(), out);
        out.writeInt(window.emitted().size());
        for (Map.Entry<Long, Object> entry : window.emitted().entrySet()) {
            out.writeLong(entry.getKey());
            CursorValues.write(entry.getValue(), out);
        }
    }

    private static void writeSnapshot(SnapshotPosition snapshot, DataOutputStream out)
            throws IOException {
        out.writeBoolean(snapshot.hasSnapshot());
        out.writeLong(snapshot.xmin());
        out.writeLong(snapshot.xmax());
        writeLongs(snapshot.seen(), out);
        writeNullable(snapshot.newestCursor(), out);
        out.writeInt(snapshot.marks().size());
        for (Mark mark : snapshot.marks()) {
            out.writeLong(mark.atMicros());
            writeNullable(mark.newestCursor(), out);
        }
        out.writeLong(snapshot.oldestStartMicros());
        out.writeInt(snapshot.interrupted().size());
        for (Interrupted poll : snapshot.interrupted()) {
            out.writeLong(poll.xmin());
            out.writeLong(poll.xmax());
            CursorValues.write(poll.cursor(), out);
            out.writeLong(poll.xid());
            out.writeUTF(poll.ctid());
            writeLongs(poll.seen(), out);
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
                return new PollingSplit(in.readInt(), in.readInt(), readWindow(in));
            case VERSION_2:
                int bucket = in.readInt();
                int bucketCount = in.readInt();
                byte kind = in.readByte();
                switch (kind) {
                    case CURSOR_WINDOW:
                        return new PollingSplit(bucket, bucketCount, readWindow(in));
                    case SNAPSHOT:
                        return new PollingSplit(bucket, bucketCount, readSnapshot(in));
                    default:
                        throw new IOException("unknown polling position kind " + kind);
                }
            default:
                throw new IOException(
                        "polling split serialized with version "
                                + version
                                + ", this build reads up to "
                                + CURRENT
                                + "; restore with the newer build that wrote it");
        }
    }

    private static CursorWindowPosition readWindow(DataInputStream in) throws IOException {
        Object highWaterMark = readNullable(in);
        int count = in.readInt();
        Map<Long, Object> emitted = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            emitted.put(in.readLong(), CursorValues.read(in));
        }
        return new CursorWindowPosition(highWaterMark, emitted);
    }

    private static SnapshotPosition readSnapshot(DataInputStream in) throws IOException {
        boolean hasSnapshot = in.readBoolean();
        long xmin = in.readLong();
        long xmax = in.readLong();
        List<Long> seen = readLongs(in);
        Object newest = readNullable(in);
        int markCount = in.readInt();
        List<Mark> marks = new ArrayList<>(markCount);
        for (int i = 0; i < markCount; i++) {
            marks.add(new Mark(in.readLong(), readNullable(in)));
        }
        long oldestStart = in.readLong();
        int interruptedCount = in.readInt();
        List<Interrupted> interrupted = new ArrayList<>(interruptedCount);
        for (int i = 0; i < interruptedCount; i++) {
            interrupted.add(
                    new Interrupted(
                            in.readLong(),
                            in.readLong(),
                            CursorValues.read(in),
                            in.readLong(),
                            in.readUTF(),
                            readLongs(in)));
        }
        return new SnapshotPosition(
                hasSnapshot, xmin, xmax, seen, newest, marks, oldestStart, interrupted);
    }

    private static void writeNullable(Object cursor, DataOutputStream out) throws IOException {
        out.writeBoolean(cursor != null);
        if (cursor != null) {
            CursorValues.write(cursor, out);
        }
    }

    private static Object readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? CursorValues.read(in) : null;
    }

    private static void writeLongs(List<Long> values, DataOutputStream out) throws IOException {
        out.writeInt(values.size());
        for (long value : values) {
            out.writeLong(value);
        }
    }

    private static List<Long> readLongs(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Long> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readLong());
        }
        return values;
    }
}
