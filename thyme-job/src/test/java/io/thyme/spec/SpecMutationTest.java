package io.thyme.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.thyme.conf.ConfLoader;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.connectors.InstalledConnectors;
import io.thyme.testing.MutantVerdict;
import io.thyme.testing.ProblemReport;
import io.thyme.testing.YamlMutant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example spec under jobs/, with each key and value changed the ways a user gets them wrong,
 * validated the way {@code validate} does ({@link SpecFiles#loadAll} against conf/thyme.yaml): each
 * mutant is refused with a problem at the changed path, listed once under one header, and never
 * with another exception; the few changes that leave a valid spec are listed below.
 */
class SpecMutationTest {
    private static final Path JOBS = Path.of("jobs");
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * Changes that leave a runnable spec, as {@code <example>: <change>} ({@code *} for every
     * example). A key with a null value is absent, except a field: {@code amount:} declares no
     * type.
     */
    private static final Set<String> STILL_VALID =
            Set.of(
                    // optional keys
                    "*: drop dataset.index",
                    "*: null at dataset.index",
                    "*: drop source.cdc",
                    "*: null at source.cdc",
                    "*: drop source.max_lateness",
                    "*: null at source.max_lateness",
                    "*: '' at source.max_lateness",
                    "*: drop dataset.fields.user_id.key",
                    "*: null at dataset.fields.user_id.key",
                    "jobs/examples/order.yaml: drop source.connector.initial_position",
                    "jobs/examples/order.yaml: null at source.connector.initial_position",
                    "jobs/examples/signup.yaml: drop source.connector.batch_size",
                    "jobs/examples/signup.yaml: null at source.connector.batch_size",
                    "jobs/examples/signup.yaml: number at source.connector.batch_size",
                    // fields that nothing else names (appended rows need no key)
                    "*: drop dataset.fields.user_id",
                    "*: rename dataset.fields.user_id to user_id_typo",
                    "*: drop dataset.fields.amount",
                    "*: rename dataset.fields.amount to amount_typo",
                    "*: drop dataset.fields.page",
                    "*: rename dataset.fields.page to page_typo",
                    "*: drop dataset.fields.url",
                    "*: rename dataset.fields.url to url_typo",
                    "*: drop dataset.fields.country",
                    "*: rename dataset.fields.country to country_typo",
                    "*: drop dataset.fields.plan",
                    "*: rename dataset.fields.plan to plan_typo",
                    "jobs/postgres-users.yaml: drop dataset.fields.name",
                    "jobs/postgres-users.yaml: rename dataset.fields.name to name_typo",
                    "jobs/kafka/transactions.yaml: rename dataset.fields.ts to ts_typo",
                    "jobs/examples/click.yaml: rename dataset.fields.ts to ts_typo",
                    "jobs/examples/order.yaml: rename dataset.fields.ts to ts_typo",
                    // names that only the external system can refuse (a preflight, not here)
                    "*: 'wrong' at dataset.name",
                    "*: 'wrong' at source.connector.table",
                    "jobs/transactions.yaml: 'wrong' at source.connector.database",
                    "jobs/examples/payment.yaml: 'wrong' at source.connector.database",
                    "jobs/kafka/transactions.yaml: 'wrong' at source.connector.topic",
                    "jobs/examples/click.yaml: 'wrong' at source.connector.topic",
                    "jobs/examples/order.yaml: 'wrong' at source.connector.stream",
                    "jobs/examples/signup.yaml: 'wrong' at source.connector.dataset",
                    "jobs/examples/page_view.yaml: 'wrong' at source.connector.bucket",
                    // an S3 prefix and key pattern are any text; without them every key is read;
                    // S3JsonSource needs no cursor
                    "jobs/examples/page_view.yaml: 'wrong' at source.connector.prefix",
                    "jobs/examples/page_view.yaml: '' at source.connector.prefix",
                    "jobs/examples/page_view.yaml: drop source.connector.prefix",
                    "jobs/examples/page_view.yaml: null at source.connector.prefix",
                    "jobs/examples/page_view.yaml: 'wrong' at source.connector.path_pattern",
                    "jobs/examples/page_view.yaml: '' at source.connector.path_pattern",
                    "jobs/examples/page_view.yaml: drop source.connector.path_pattern",
                    "jobs/examples/page_view.yaml: null at source.connector.path_pattern",
                    "jobs/examples/page_view.yaml: '' at source.cursor",
                    "jobs/examples/page_view.yaml: drop source.cursor",
                    "jobs/examples/page_view.yaml: null at source.cursor",
                    // a Kafka topic and a Kinesis stream are read continuously, in offset order
                    "jobs/kafka/transactions.yaml: drop source.connector.starting_position",
                    "jobs/kafka/transactions.yaml: null at source.connector.starting_position",
                    "jobs/kafka/transactions.yaml: drop source.cursor",
                    "jobs/kafka/transactions.yaml: null at source.cursor",
                    "jobs/kafka/transactions.yaml: drop source.every",
                    "jobs/kafka/transactions.yaml: null at source.every",
                    "jobs/examples/click.yaml: drop source.cursor",
                    "jobs/examples/click.yaml: null at source.cursor",
                    "jobs/examples/click.yaml: drop source.every",
                    "jobs/examples/click.yaml: null at source.every",
                    "jobs/examples/order.yaml: drop source.cursor",
                    "jobs/examples/order.yaml: null at source.cursor",
                    "jobs/examples/order.yaml: drop source.every",
                    "jobs/examples/order.yaml: null at source.every");

    /**
     * Changes reported where the changed thing is used: {@code <example>: <change>} to the path of
     * the problem, with the same conventions. An entry for one example overrides a {@code *} entry
     * of {@link #STILL_VALID}: an upsert dataset without a key is refused at {@code source.cdc}.
     */
    private static final Map<String, String> REPORTED_AT =
            Map.ofEntries(
                    Map.entry("*: drop dataset.fields.ts", "dataset.fields"),
                    Map.entry("*: drop dataset.fields.ts.timestamp", "dataset.fields"),
                    Map.entry("*: null at dataset.fields.ts.timestamp", "dataset.fields"),
                    Map.entry("*: drop dataset.fields.updated_at", "dataset.fields"),
                    Map.entry("*: drop dataset.fields.updated_at.timestamp", "dataset.fields"),
                    Map.entry("*: null at dataset.fields.updated_at.timestamp", "dataset.fields"),
                    Map.entry("*: rename dataset.fields.ts to ts_typo", "source.cursor"),
                    Map.entry(
                            "*: rename dataset.fields.updated_at to updated_at_typo",
                            "source.cursor"),
                    Map.entry(
                            "jobs/examples/account.yaml: drop dataset.fields.user_id",
                            "source.cdc"),
                    Map.entry(
                            "jobs/examples/account.yaml: drop dataset.fields.user_id.key",
                            "source.cdc"),
                    Map.entry(
                            "jobs/examples/account.yaml: null at dataset.fields.user_id.key",
                            "source.cdc"),
                    Map.entry(
                            "jobs/examples/invoice.yaml: drop dataset.fields.user_id",
                            "source.cdc"),
                    Map.entry(
                            "jobs/examples/invoice.yaml: drop dataset.fields.user_id.key",
                            "source.cdc"),
                    Map.entry(
                            "jobs/examples/invoice.yaml: null at dataset.fields.user_id.key",
                            "source.cdc"));

    @TempDir Path dir;

    private final ThymeConf conf = ConfLoader.loadDir(Path.of("conf"));

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(JOBS)) {
            List<Path> specs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(specs).as("example specs under %s", JOBS).isNotEmpty();
            return specs.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void refusesEveryMutantWithItsPathOrStillRunsIt(Path example) {
        ObjectNode root = read(example);
        Path file = dir.resolve(example);
        assertThat(SpecFiles.loadAll(conf, List.of(write(file, root))))
                .as("%s as shipped", example)
                .hasSize(1);
        List<YamlMutant> mutants = mutants(root);
        List<String> violations = new ArrayList<>();
        for (YamlMutant mutant : mutants) {
            judge(example, file, mutant.applyTo(root), mutant).ifPresent(violations::add);
        }
        assertThat(violations)
                .as("%d of the %d mutants of %s", violations.size(), mutants.size(), example)
                .isEmpty();
    }

    private Optional<String> judge(Path example, Path file, ObjectNode spec, YamlMutant mutant) {
        return MutantVerdict.judge(
                file.toString(),
                mutant,
                () -> SpecFiles.loadAll(conf, List.of(write(file, spec))),
                stillValid(example, mutant),
                reportedAt(example, mutant));
    }

    private static boolean stillValid(Path example, YamlMutant mutant) {
        if (REPORTED_AT.containsKey(example + ": " + mutant.description())) {
            return false;
        }
        return keys(example, mutant).anyMatch(STILL_VALID::contains);
    }

    private static Optional<String> reportedAt(Path example, YamlMutant mutant) {
        return keys(example, mutant).map(REPORTED_AT::get).filter(p -> p != null).findFirst();
    }

    /** How the lists above may name a mutant of {@code example}. */
    private static Stream<String> keys(Path example, YamlMutant mutant) {
        return Stream.of(example + ": " + mutant.description(), "*: " + mutant.description());
    }

    /** The generic mutants, and the connector's parameters swapped for other connectors'. */
    static List<YamlMutant> mutants(ObjectNode root) {
        List<YamlMutant> mutants = new ArrayList<>(YamlMutant.everyKeyAndValue(root));
        String kind = root.path("source").path("connector").path("kind").asText();
        Set<String> own = parameterNames(kind);
        List<String> connector = List.of("source", "connector");
        for (String other : InstalledConnectors.availableKinds()) {
            if (other.equals(kind)) {
                continue;
            }
            mutants.add(
                    YamlMutant.valued(
                            List.of("source", "connector", "kind"), other, "source.connector"));
            for (String name : parameterNames(other)) {
                if (own.contains(name)) {
                    continue;
                }
                root.path("source")
                        .path("connector")
                        .fieldNames()
                        .forEachRemaining(
                                key -> {
                                    if (!key.equals("kind")) {
                                        List<String> keys = new ArrayList<>(connector);
                                        keys.add(key);
                                        mutants.add(YamlMutant.renamed(keys, name, "swap"));
                                    }
                                });
            }
        }
        return mutants.stream()
                .collect(Collectors.toMap(YamlMutant::description, m -> m, (a, b) -> a))
                .values()
                .stream()
                .sorted(java.util.Comparator.comparing(YamlMutant::description))
                .toList();
    }

    /**
     * A problem of the dataset does not hide one of the source, nor the reverse: each refused
     * mutant under {@code dataset}, made together with one refused mutant of each path under {@code
     * source} (and the reverse), is refused with both problems.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void reportsTheProblemsOfDatasetAndSourceTogether(Path example) {
        ObjectNode root = read(example);
        Path file = dir.resolve(example);
        List<YamlMutant> dataset = refusedAt(example, "dataset", root);
        List<YamlMutant> source = refusedAt(example, "source", root);
        assertThat(dataset).isNotEmpty();
        assertThat(source).isNotEmpty();
        List<YamlMutant[]> pairs = new ArrayList<>();
        onePerPath(source).forEach(s -> dataset.forEach(d -> pairs.add(new YamlMutant[] {d, s})));
        onePerPath(dataset).forEach(d -> source.forEach(s -> pairs.add(new YamlMutant[] {d, s})));
        pairs.removeIf(pair -> !checkable(pair[0], pair[1]));
        List<String> violations = new ArrayList<>();
        for (YamlMutant[] pair : pairs) {
            YamlMutant both = pair[0].and(pair[1]);
            try {
                SpecFiles.loadAll(conf, List.of(write(file, both.applyTo(root))));
                violations.add(both.description() + ": validated");
            } catch (InvalidSpecException e) {
                ProblemReport report = ProblemReport.of(e.getMessage());
                List<String> defects = new ArrayList<>(report.defects(List.of(file.toString())));
                for (YamlMutant mutant : pair) {
                    if (mutant.paths().stream().noneMatch(report::reportsAt)) {
                        defects.add("expected a problem at " + mutant.paths());
                    }
                }
                if (!defects.isEmpty()) {
                    violations.add(both.description() + ": " + defects + " in\n" + e.getMessage());
                }
            }
        }
        assertThat(violations)
                .as("%d of %d pairs of mutants of %s", violations.size(), pairs.size(), example)
                .isEmpty();
    }

    /** The mutants under {@code top} that are refused at their own paths. */
    private static List<YamlMutant> refusedAt(Path example, String top, ObjectNode root) {
        return mutants(root).stream()
                .filter(m -> m.paths().stream().allMatch(p -> p.startsWith(top + ".")))
                .filter(m -> !stillValid(example, m) && reportedAt(example, m).isEmpty())
                .toList();
    }

    /**
     * Whether a problem of {@code inSource} can be found with {@code inDataset}: a cursor is
     * checked against the names of the fields, which a dataset without a mapping of fields has not.
     */
    private static boolean checkable(YamlMutant inDataset, YamlMutant inSource) {
        return !inSource.description().equals("'wrong' at source.cursor")
                || inDataset.paths().stream().noneMatch(p -> p.equals("dataset.fields"));
    }

    private static java.util.Collection<YamlMutant> onePerPath(List<YamlMutant> mutants) {
        Map<String, YamlMutant> byPath = new java.util.LinkedHashMap<>();
        mutants.forEach(m -> byPath.putIfAbsent(m.paths().get(0), m));
        return byPath.values();
    }

    private static Set<String> parameterNames(String kind) {
        return InstalledConnectors.find(kind).orElseThrow().parameters().stream()
                .map(ConnectorParameter::name)
                .collect(Collectors.toSet());
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, ObjectNode spec) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, YAML.writeValueAsString(spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void listsOnlyChangesThatAreMutants() throws IOException {
        Set<String> made = new java.util.HashSet<>();
        for (Path example : examples().toList()) {
            for (YamlMutant mutant : mutants(read(example))) {
                made.add(example + ": " + mutant.description());
                made.add("*: " + mutant.description());
            }
        }
        assertThat(made).containsAll(STILL_VALID).containsAll(REPORTED_AT.keySet());
    }

    @Test
    void theReportCheckFindsNestedHeadersRepeatedProblemsAndStackTraces() {
        List<String> file = List.of("x.yaml");
        assertThat(ProblemReport.of("x.yaml has 1 problem:\n  - a.b: c").defects(file)).isEmpty();
        assertThat(
                        ProblemReport.of(
                                        "x.yaml has 1 problem:\n  - x.yaml has 2 problems:\n"
                                                + "  - a: b\n  - a: b")
                                .defects(file))
                .anyMatch(d -> d.startsWith("a header inside the list of problems"))
                .anyMatch(d -> d.startsWith("headers count 1 problems, 3 listed"))
                .anyMatch(d -> d.startsWith("problem listed twice: a: b"));
        assertThat(
                        ProblemReport.of(
                                        "x.yaml has 1 problem:\n  - a: java.lang.IllegalStateException")
                                .defects(file))
                .hasSize(1);
    }
}
