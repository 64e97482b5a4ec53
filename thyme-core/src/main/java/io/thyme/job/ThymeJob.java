package io.thyme.job;

import io.thyme.conf.ConfLoader;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.Connector;
import io.thyme.connectors.ConnectorCatalog;
import io.thyme.connectors.InstalledConnectors;
import io.thyme.connectors.SourceCleanup;
import io.thyme.sink.PreflightException;
import io.thyme.spec.InvalidSpecException;
import io.thyme.spec.JobSpec;
import io.thyme.spec.SpecFiles;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The jar's entry point. {@code validate} needs only the jar ({@code java -jar thyme-sources.jar
 * validate jobs/*.yaml}); {@code run} and {@code local} need Flink on the classpath, which {@code
 * flink run} and {@code scripts/run-local.sh} provide.
 */
public final class ThymeJob {
    private ThymeJob() {}

    public static void main(String[] args) throws Exception {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        switch (command.command()) {
            case "validate":
                System.exit(validate(command, System.out, System.err));
                break;
            case "local":
                try {
                    JobRunner.run(command, true);
                } catch (InvalidSpecException | PreflightException e) {
                    System.err.println(e.getMessage());
                    System.exit(1);
                } catch (Exception e) {
                    // e.g. the web UI's port is taken: the half-started MiniCluster's threads
                    // would keep the JVM alive after main returns.
                    e.printStackTrace();
                    System.exit(1);
                }
                break;
            case "cleanup":
                System.exit(cleanup(command));
                break;
            case "connectors":
                System.out.print(ConnectorCatalog.json());
                break;
            case "run":
                // Inside `flink run` (or a JobManager) exiting the JVM is wrong: fail the program.
                JobRunner.run(command, false);
                break;
            default:
                System.err.println("unknown command '" + command.command() + "'");
                System.err.println(CommandLine.USAGE);
                System.exit(2);
        }
    }

    /** Drops what log-based sources keep on the database (replication slots, publications). */
    static int cleanup(CommandLine command) {
        try {
            ThymeConf conf = ConfLoader.loadDir(command.confDir());
            for (JobSpec spec : SpecFiles.loadAll(conf, command.specs(), command.inlineSpecs())) {
                Optional<SourceCleanup> cleanup =
                        InstalledConnectors.connector(spec.source().connector().kind())
                                .flatMap(Connector::cleanup)
                                .filter(c -> c.appliesTo(spec));
                if (cleanup.isEmpty()) {
                    System.out.println(spec.file() + ": nothing to clean up");
                    continue;
                }
                List<String> dropped = cleanup.get().run(spec, conf);
                System.out.println(
                        spec.file()
                                + ": "
                                + (dropped.isEmpty()
                                        ? "nothing left to drop"
                                        : "dropped " + String.join(", ", dropped)));
            }
            return 0;
        } catch (InvalidSpecException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("cleanup failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Checks the conf and the specs without Flink or any external system: 0 when all of them can
     * run, 1 after printing every problem to {@code err}.
     */
    static int validate(CommandLine command, PrintStream out, PrintStream err) {
        try {
            ThymeConf conf = ConfLoader.loadDir(command.confDir());
            List<JobSpec> specs = SpecFiles.loadAll(conf, command.specs(), command.inlineSpecs());
            for (JobSpec spec : specs) {
                out.println(spec.file() + ": OK (" + spec.dataset().name() + ")");
                spec.warnings().forEach(w -> out.println("  warning: " + w));
            }
            return 0;
        } catch (InvalidSpecException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
