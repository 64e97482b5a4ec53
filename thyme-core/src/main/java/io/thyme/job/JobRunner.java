package io.thyme.job;

import io.thyme.conf.ConfLoader;
import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecFiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Loads conf and specs, assembles the job and executes it: on a cluster, or embedded. */
final class JobRunner {
    private JobRunner() {}

    static void run(CommandLine command, boolean local) throws Exception {
        ThymeConf conf = ConfLoader.loadDir(command.confDir());
        List<JobSpec> specs = SpecFiles.loadAll(conf, command.specs(), command.inlineSpecs());
        StreamExecutionEnvironment env =
                local
                        ? localEnvironment(command)
                        : StreamExecutionEnvironment.getExecutionEnvironment();
        JobAssembler.assemble(env, specs, conf);
        env.execute(JobAssembler.jobName(specs));
    }

    private static String localDir(String name) {
        return Path.of(System.getProperty("thyme.state", ".thyme"), name)
                .toAbsolutePath()
                .toUri()
                .toString();
    }

    /** An embedded Flink with the web UI, bound to 127.0.0.1 only. */
    private static StreamExecutionEnvironment localEnvironment(CommandLine command) {
        int parallelism = command.parallelism().orElse(1);
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.PORT, command.port());
        config.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        config.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        config.set(TaskManagerOptions.HOST, "127.0.0.1");
        config.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        // Checkpoints on disk, not in the JobManager's memory (5 MB at most), under .thyme/.
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, localDir("checkpoints"));
        config.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, localDir("savepoints"));
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(config);
    }
}
