package io.thyme.connectors.s3.enumerator;

import io.thyme.connectors.s3.split.S3ObjectSplit;
import io.thyme.connectors.s3.split.S3ObjectSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The S3 enumerator checkpoint. Version 2 adds the listings' progress (and writes version-2
 * splits). A version-1 checkpoint knows no listings: its pending splits become one listing, so they
 * are read as one batch; objects readers held then are not tracked and hold nothing back.
 */
public final class S3EnumStateSerializer implements SimpleVersionedSerializer<S3EnumState> {
    private static final int VERSION = 2;

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
        ListingProgress listings = state.listings();
        out.writeLong(listings.nextListing());
        out.writeLong(listings.readMaxEventTimeMillis());
        out.writeInt(listings.open().size());
        for (Map.Entry<Long, ListingProgress.Listing> entry : listings.open().entrySet()) {
            out.writeLong(entry.getKey());
            out.writeLong(entry.getValue().maxEventTimeMillis());
            out.writeInt(entry.getValue().unread().size());
            for (String splitId : entry.getValue().unread()) {
                out.writeUTF(splitId);
            }
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public S3EnumState deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException(
                    "S3 enumerator checkpoint version "
                            + version
                            + " is unknown to this build (it reads versions 1 and "
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
            pending.add(S3ObjectSplitSerializer.read(version, in));
        }
        if (version == 1) {
            return fromVersionOne(newest, cutoff, planned, rowCursor, pending);
        }
        long nextListing = in.readLong();
        long readMax = in.readLong();
        int open = in.readInt();
        TreeMap<Long, ListingProgress.Listing> listings = new TreeMap<>();
        for (int i = 0; i < open; i++) {
            long number = in.readLong();
            long maxEventTime = in.readLong();
            int unread = in.readInt();
            Set<String> ids = new TreeSet<>();
            for (int j = 0; j < unread; j++) {
                ids.add(in.readUTF());
            }
            listings.put(number, new ListingProgress.Listing(ids, maxEventTime));
        }
        return new S3EnumState(
                newest,
                cutoff,
                planned,
                rowCursor,
                pending,
                new ListingProgress(nextListing, readMax, listings));
    }

    private static S3EnumState fromVersionOne(
            long newest,
            long cutoff,
            Map<String, Long> planned,
            Object rowCursor,
            List<S3ObjectSplit> pending) {
        ListingProgress listings = ListingProgress.initial();
        List<S3ObjectSplit> numbered = new ArrayList<>(pending.size());
        for (S3ObjectSplit split : pending) {
            numbered.add(
                    new S3ObjectSplit(
                            split.key(),
                            split.lastModifiedMillis(),
                            split.size(),
                            split.rowsFrom(),
                            listings.nextListing(),
                            split.watermarkMillis(),
                            split.linesConsumed(),
                            split.maxCursor(),
                            split.maxEventTimeMillis()));
        }
        listings.planned(numbered.stream().map(S3ObjectSplit::splitId).toList());
        return new S3EnumState(newest, cutoff, planned, rowCursor, numbered, listings);
    }
}
