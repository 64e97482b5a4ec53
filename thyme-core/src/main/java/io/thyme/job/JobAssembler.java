package io.thyme.job;

import io.thyme.conf.ThymeConf;
import io.thyme.connectors.InstalledConnectors;
import io.thyme.sink.DatasetTopics;
import io.thyme.sink.SinkPreflight;
import io.thyme.spec.JobSpec;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns validated specs into a Flink job on an environment: checkpointing (the cluster's interval
 * if it sets one, else {@code job.checkpoint_interval}), the sink preflight, and one pipeline per
 * dataset.
 */
public final class JobAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(JobAssembler.class);

    private JobAssembler() {}

    public static void assemble(
            StreamExecutionEnvironment env, List<JobSpec> specs, ThymeConf conf) {
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        if (!checkpoints.isCheckpointingEnabled()) {
            env.enableCheckpointing(
                    conf.job().checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        checkpoints.setExternalizedCheckpointRetention(
                org.apache.flink.configuration.ExternalizedCheckpointRetention
                        .RETAIN_ON_CANCELLATION);
        Duration interval = Duration.ofMillis(checkpoints.getCheckpointInterval());
        env.getConfig().enableObjectReuse();
        // Set as options, which Flink 1.20 and 2.x read alike (2.0 removed
        // ExecutionConfig#disableGenericTypes):
        // - generic (Kryo) types off: every record type has a serializer of its own;
        // - aligned checkpoints, one at a time, whatever the cluster's defaults: a completed
        //   checkpoint then means every record before its barrier passed the sink, which the
        //   Kinesis enumerator relies on to start a merged shard's child after its parents' tails
        //   (FinishedShards); unaligned or overlapping checkpoints would let records overtake.
        env.configure(
                new Configuration()
                        .set(PipelineOptions.GENERIC_TYPES, false)
                        .set(CheckpointingOptions.ENABLE_UNALIGNED, false)
                        .set(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS, 1));

        for (JobSpec spec : specs) {
            spec.warnings().forEach(w -> LOG.warn("{}: {}", spec.file(), w));
        }
        for (JobSpec spec : specs) {
            InstalledConnectors.sourceFactory(spec.source().connector().kind()).check(spec, conf);
        }
        SinkPreflight.check(
                conf, interval, specs.stream().map(s -> DatasetTopics.of(conf.sink(), s)).toList());
        for (JobSpec spec : specs) {
            DatasetPipeline.build(env, spec, conf, interval);
            LOG.info(
                    "Dataset {} from {} -> topic {}",
                    spec.dataset().name(),
                    spec.source().connector().kind(),
                    DatasetTopics.of(conf.sink(), spec).events());
        }
    }

    public static String jobName(List<JobSpec> specs) {
        return "thyme: " + String.join(", ", specs.stream().map(s -> s.dataset().name()).toList());
    }
}
