package io.thyme.connectors.kinesis.enumerator;

import io.thyme.connectors.kinesis.InitialPosition;
import io.thyme.connectors.kinesis.KinesisClients;
import io.thyme.connectors.kinesis.KinesisConnection;
import io.thyme.connectors.kinesis.ShardFinished;
import io.thyme.connectors.kinesis.split.KinesisShardSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Discovers the stream's shards every few seconds and hands each to a reader once all of its
 * parents have been read to their end: a key's records move to a child shard when a shard is split
 * or merged, so reading parents first keeps their order. A child goes to its parent's reader (see
 * {@link #readerFor}). A parent's end counts for that reader at once, and for any other reader only
 * once a completed checkpoint confirms it (see {@link FinishedShards}): until then the parent's
 * last records may still be on their way through the other reader's channel, and a failure of the
 * reader that read them restores it to before the parent's end.
 */
public final class KinesisShardEnumerator
        implements SplitEnumerator<KinesisShardSplit, KinesisEnumState> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisShardEnumerator.class);
    static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(5);

    private final SplitEnumeratorContext<KinesisShardSplit> context;
    private final KinesisConnection connection;
    private final String stream;
    private final InitialPosition initial;
    private final Set<String> assigned = new HashSet<>();
    private final FinishedShards finished;
    private final Map<String, KinesisShardSplit> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> readerOf = new HashMap<>();
    private boolean discovered;
    private KinesisClient client;
    private Counter discoveryFailures;

    public KinesisShardEnumerator(
            SplitEnumeratorContext<KinesisShardSplit> context,
            KinesisConnection connection,
            String stream,
            InitialPosition initial,
            KinesisEnumState state) {
        this.context = context;
        this.connection = connection;
        this.stream = stream;
        this.initial = initial;
        this.discovered = state.discovered();
        this.assigned.addAll(state.assigned());
        this.finished = new FinishedShards(state.finished());
        state.waiting().forEach(s -> waiting.put(s.shardId(), s));
    }

    @Override
    public void start() {
        client = KinesisClients.create(connection);
        discoveryFailures = context.metricGroup().counter("numShardDiscoveryFailures");
        context.callAsync(this::listShards, this::discover, 0, DISCOVERY_INTERVAL.toMillis());
    }

    private List<Shard> listShards() {
        List<Shard> shards = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest request =
                    next == null
                            ? ListShardsRequest.builder().streamName(stream).build()
                            : ListShardsRequest.builder().nextToken(next).build();
            ListShardsResponse response = client.listShards(request);
            shards.addAll(response.shards());
            next = response.nextToken();
        } while (next != null);
        return shards;
    }

    private void discover(List<Shard> shards, Throwable error) {
        if (error != null) {
            discoveryFailures.inc();
            LOG.warn(
                    "Listing the shards of Kinesis stream {} failed; retrying in {}: {}",
                    stream,
                    DISCOVERY_INTERVAL,
                    error.getMessage());
            return;
        }
        Instant now = Instant.now();
        Set<String> listed = new HashSet<>();
        shards.forEach(s -> listed.add(s.shardId()));
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (assigned.contains(id) || waiting.containsKey(id) || finished.contains(id)) {
                continue;
            }
            List<String> parents = new ArrayList<>();
            for (String parent :
                    new String[] {shard.parentShardId(), shard.adjacentParentShardId()}) {
                if (parent != null && listed.contains(parent)) {
                    parents.add(parent);
                }
            }
            waiting.put(
                    id,
                    KinesisShardSplit.discovered(id, parents, discovered ? null : startAt(now)));
            LOG.info("Kinesis stream {}: shard {} (parents {})", stream, id, parents);
        }
        discovered = true;
        assignReady();
    }

    /**
     * Where a shard found by the first discovery starts: null for trim_horizon (its start),
     * otherwise a fixed time, so that a restore before its first record does not move it.
     */
    private Instant startAt(Instant now) {
        switch (initial.type()) {
            case LATEST:
                return now;
            case AT_TIMESTAMP:
                return initial.timestamp();
            default:
                return null;
        }
    }

    private void assignReady() {
        int readers = context.currentParallelism();
        Iterator<KinesisShardSplit> candidates = waiting.values().iterator();
        while (candidates.hasNext()) {
            KinesisShardSplit split = candidates.next();
            if (!split.parents().stream().allMatch(finished::contains)) {
                continue;
            }
            int reader = readerFor(split, readers);
            if (!context.registeredReaders().containsKey(reader)
                    || !split.parents().stream().allMatch(p -> finished.allowsChildOn(p, reader))) {
                continue;
            }
            context.assignSplit(split, reader);
            assigned.add(split.shardId());
            readerOf.put(split.shardId(), reader);
            candidates.remove();
        }
    }

    /**
     * A child shard goes to the reader that read its parent, so the parent's last records and the
     * child's first leave through the same channel, in order; other shards spread by their id. Of a
     * merge's parents, one whose end no checkpoint confirmed yet decides: the child starts once the
     * other's end is confirmed.
     */
    private int readerFor(KinesisShardSplit split, int readers) {
        for (String parent : split.parents()) {
            int reader = finished.unconfirmedReader(parent);
            if (reader >= 0 && reader < readers) {
                return reader;
            }
        }
        for (String parent : split.parents()) {
            Integer reader = readerOf.get(parent);
            if (reader != null && reader < readers) {
                return reader;
            }
        }
        return Math.floorMod(split.shardId().hashCode(), readers);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof ShardFinished done) {
            finished.finished(done.shardId(), subtaskId);
            assigned.remove(done.shardId());
            // the reader that read the shard's last records, also after a restore (readers
            // announce finished shards again), so its children follow them through that channel
            readerOf.put(done.shardId(), subtaskId);
            LOG.info("Kinesis stream {}: shard {} read to its end", stream, done.shardId());
            assignReady();
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // shards are pushed to their readers
    }

    /**
     * Flink calls this when it resets reader {@code subtaskId} to the last completed checkpoint
     * (with the splits assigned to it since, possibly none), also in a region failover, which
     * leaves this enumerator as it is. The reader restores its shards from that checkpoint: a shard
     * it finished since is its own again, read to its end again and announced again, and the
     * shard's children wait for that.
     */
    @Override
    public void addSplitsBack(List<KinesisShardSplit> splits, int subtaskId) {
        for (String shard : finished.forget(subtaskId)) {
            assigned.add(shard);
            LOG.info(
                    "Kinesis stream {}: reader {} was reset; shard {} counts as read to its end"
                            + " once the reader reads its end again",
                    stream,
                    subtaskId,
                    shard);
        }
        for (KinesisShardSplit split : splits) {
            assigned.remove(split.shardId());
            waiting.put(split.shardId(), split);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignReady();
    }

    @Override
    public KinesisEnumState snapshotState(long checkpointId) {
        finished.snapshotted(checkpointId);
        return new KinesisEnumState(
                discovered, assigned, finished.all(), new ArrayList<>(waiting.values()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (finished.checkpointCompleted(checkpointId)) {
            assignReady();
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
