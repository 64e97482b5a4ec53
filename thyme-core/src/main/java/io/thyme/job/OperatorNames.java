package io.thyme.job;

import io.thyme.spec.DurationParser;
import io.thyme.spec.JobSpec;
import java.util.Locale;

/**
 * Names that read well in the Flink UI ("Transaction: KafkaSource", "Transaction: late events >
 * 5m") and uids that stay stable across jar upgrades, derived only from the dataset's name and the
 * operator's role, so a savepoint restores into a rebuilt job.
 */
public final class OperatorNames {
    private final JobSpec spec;
    private final String uidPrefix;

    public OperatorNames(JobSpec spec) {
        this.spec = spec;
        this.uidPrefix = "thyme-" + spec.dataset().name().toLowerCase(Locale.ROOT) + "-";
    }

    public String sourceName() {
        return label(spec.source().connector().kind());
    }

    public String decodeName() {
        return label("decode, invalid rows > .errors");
    }

    public String lateFilterName() {
        return label("late events > " + DurationParser.format(spec.source().maxLateness()));
    }

    public String upsertName() {
        return label("upsert, latest per key");
    }

    public String sinkName(String topic) {
        return label("Kafka " + topic);
    }

    public String uid(String role) {
        return uidPrefix + role;
    }

    private String label(String what) {
        return spec.dataset().name() + ": " + what;
    }
}
