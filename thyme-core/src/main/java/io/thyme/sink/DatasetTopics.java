package io.thyme.sink;

import io.thyme.conf.SinkConf;
import io.thyme.spec.CdcMode;
import io.thyme.spec.JobSpec;
import java.io.Serializable;
import java.util.List;

/**
 * The three topics of a dataset: {@code <prefix><Dataset>} for its events, {@code .late} for events
 * that arrived behind the watermark, {@code .errors} for rows that did not fit the schema.
 */
public record DatasetTopics(String events, String late, String errors, boolean compacted)
        implements Serializable {

    /**
     * The topics of a spec's dataset. With cdc upsert or debezium the events topic holds changes of
     * keyed state, so it is created compacted ({@code cleanup.policy=compact}): Kafka keeps the
     * latest record per key and drops deleted keys.
     */
    public static DatasetTopics of(SinkConf sink, JobSpec spec) {
        String events = sink.topicPrefix() + spec.dataset().name();
        return new DatasetTopics(
                events,
                events + ".late",
                events + ".errors",
                spec.source().cdc() != CdcMode.APPEND);
    }

    public List<String> all() {
        return List.of(events, late, errors);
    }
}
