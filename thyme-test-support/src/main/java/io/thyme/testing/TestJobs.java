package io.thyme.testing;

import io.thyme.conf.ThymeConf;
import io.thyme.job.JobAssembler;
import io.thyme.spec.JobSpec;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * How ITCases run a spec: the MiniCluster they share the shape of, and jobs assembled as in
 * production.
 */
public final class TestJobs {
    private TestJobs() {}

    /** One TaskManager with two slots, the REST API on 127.0.0.1, metrics fetched every 500 ms. */
    public static MiniClusterExtension miniCluster() {
        return miniCluster(1, 2);
    }

    /**
     * {@code taskManagers} TaskManagers of {@code slots} slots each: with one slot each, a job at
     * parallelism {@code taskManagers} has one subtask per TaskManager, and a test that terminates
     * a TaskManager fails exactly one of them.
     */
    public static MiniClusterExtension miniCluster(int taskManagers, int slots) {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(taskManagers)
                        .setNumberSlotsPerTaskManager(slots)
                        .setConfiguration(config)
                        .build());
    }

    /** Restarts every 500 ms, for tests that kill a TaskManager. */
    public static Configuration restartingOnFailure() {
        Configuration config = new Configuration();
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", "20");
        config.setString("restart-strategy.fixed-delay.delay", "500 ms");
        return config;
    }

    /** Restores from a savepoint and does not restart: a failing restore fails the job. */
    public static Configuration restoringFrom(String savepoint) {
        Configuration config = new Configuration();
        config.setString("execution.state-recovery.path", savepoint);
        config.setString("restart-strategy.type", "none");
        return config;
    }

    /** Assembles the spec as the job's main does (preflight included) and starts it. */
    public static JobClient start(
            ThymeConf conf, JobSpec spec, int parallelism, Configuration settings)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(settings);
        env.setParallelism(parallelism);
        JobAssembler.assemble(env, List.of(spec), conf);
        return env.executeAsync(spec.dataset().name() + " from " + spec.file());
    }

    public static JobClient start(ThymeConf conf, JobSpec spec) throws Exception {
        return start(conf, spec, 1, new Configuration());
    }

    /** Only assembles: for tests of what the preflight refuses. */
    public static void assemble(ThymeConf conf, JobSpec spec) {
        JobAssembler.assemble(
                StreamExecutionEnvironment.getExecutionEnvironment(), List.of(spec), conf);
    }
}
