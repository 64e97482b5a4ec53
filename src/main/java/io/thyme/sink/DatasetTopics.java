package io.thyme.sink;

import io.thyme.conf.SinkConf;
import java.io.Serializable;
import java.util.List;

/**
 * The three topics of a dataset: {@code <prefix><Dataset>} for its events, {@code .late} for events
 * that arrived behind the watermark, {@code .errors} for rows that did not fit the schema.
 */
public record DatasetTopics(String events, String late, String errors) implements Serializable {

    public static DatasetTopics of(SinkConf sink, String dataset) {
        String events = sink.topicPrefix() + dataset;
        return new DatasetTopics(events, events + ".late", events + ".errors");
    }

    public List<String> all() {
        return List.of(events, late, errors);
    }
}
