package io.thyme.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of {@link ThymeJob}: a command, options, spec files, and specs given inline (name
 * to text, in order) for a JobManager that cannot read the submitter's files.
 */
public record CommandLine(
        String command,
        Path confDir,
        int port,
        Optional<Integer> parallelism,
        List<Path> specs,
        Map<String, String> inlineSpecs) {

    public static final String USAGE =
            String.join(
                    "\n",
                    "usage: thyme <command> [options] SPEC...",
                    "commands:",
                    "  run       submit the job (use with `flink run thyme-sources.jar run ...`)",
                    "  local     run on an embedded Flink with the web UI on 127.0.0.1",
                    "  validate  check specs and conf; print every problem; exit 1 if any",
                    "  cleanup   drop the replication slots and publications of log-based"
                            + " sources (after stopping their job for good)",
                    "  connectors  print the connectors this jar holds and their parameters (JSON)",
                    "options:",
                    "  --conf DIR         directory of thyme.yaml (default: conf)",
                    "  --port N           web UI port for local (default: 8081)",
                    "  --parallelism N    parallelism for local (default: 1)",
                    "  --spec-inline NAME=TEXT  a spec given as its text (what `thyme submit`"
                            + " sends to a cluster's REST API); NAME stands for its file");

    public static CommandLine parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command given");
        }
        Path conf = Path.of("conf");
        int port = 8081;
        Optional<Integer> parallelism = Optional.empty();
        List<Path> specs = new ArrayList<>();
        Map<String, String> inline = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--conf":
                    conf = Path.of(value(args, ++i, "--conf"));
                    break;
                case "--port":
                    port = number(value(args, ++i, "--port"), "--port");
                    break;
                case "--parallelism":
                    parallelism =
                            Optional.of(number(value(args, ++i, "--parallelism"), "--parallelism"));
                    break;
                case "--spec-inline":
                    String spec = value(args, ++i, "--spec-inline");
                    int equals = spec.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException(
                                "--spec-inline needs NAME=TEXT, e.g. transaction.yaml='dataset:"
                                        + " ...'");
                    }
                    if (inline.put(spec.substring(0, equals), spec.substring(equals + 1)) != null) {
                        throw new IllegalArgumentException(
                                "--spec-inline " + spec.substring(0, equals) + " is given twice");
                    }
                    break;
                default:
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    specs.add(Path.of(args[i]));
            }
        }
        return new CommandLine(args[0], conf, port, parallelism, specs, inline);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + text + "'");
        }
    }
}
