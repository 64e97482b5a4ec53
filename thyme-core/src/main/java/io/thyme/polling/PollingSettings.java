package io.thyme.polling;

import io.thyme.spec.SourceSpec;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a polling source polls: every {@code every}; rows read in pages of {@code batchSize}; each
 * poll re-reads {@code overlap} (the source's max_lateness) behind the high-water mark so that rows
 * committed late are not lost; the table is read as {@code buckets} disjoint splits (0: as many as
 * the source's parallelism at the first start).
 */
public record PollingSettings(Duration every, Duration overlap, int batchSize, int buckets)
        implements Serializable {

    /**
     * The settings of a validated polling source: its {@code every} and {@code max_lateness}, the
     * connector parameter {@code batchSizeParameter} (or {@code defaultBatchSize}) and {@code
     * buckets} splits.
     */
    public static PollingSettings of(
            SourceSpec source, String batchSizeParameter, int defaultBatchSize, int buckets) {
        return new PollingSettings(
                source.every().orElseThrow(),
                source.maxLateness(),
                source.connector()
                        .string(batchSizeParameter)
                        .map(Integer::parseInt)
                        .orElse(defaultBatchSize),
                buckets);
    }
}
