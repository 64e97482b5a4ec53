package io.thyme.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
import io.thyme.connectors.InstalledConnectors;
import io.thyme.connectors.SourceShapeCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads a job spec (the serialized {@code @dataset} and {@code @source}) and validates all of it
 * before any Flink operator exists. Every problem is reported at once, each with its path and a
 * fix.
 */
public final class SpecLoader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final ThymeConf conf;

    public SpecLoader(ThymeConf conf) {
        this.conf = conf;
    }

    public JobSpec load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidSpecException(
                    file.toString(), List.of("cannot read the spec file: " + e.getMessage()));
        }
    }

    public JobSpec parse(String file, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw InvalidSpecException.notYaml(file, e);
        }
        Problems problems = new Problems(file);
        Warnings warnings = new Warnings();
        Optional<MappingReader> top = MappingReader.of(root, "", problems);
        if (top.isEmpty()) {
            problems.throwIfAny();
        }
        top.get().rejectUnknownKeys(List.of("dataset", "source"));
        Optional<DatasetSpec> dataset = top.get().requiredMapping("dataset").flatMap(this::dataset);
        Optional<DeclaredFields> declared = DeclaredFields.of(root.path("dataset"));
        Optional<SourceSpec> source =
                top.get()
                        .requiredMapping("source")
                        .flatMap(s -> source(s, dataset, declared, warnings));
        problems.throwIfAny();
        return new JobSpec(file, dataset.get(), source.get(), warnings.messages());
    }

    /** The dataset, or empty if it has a problem (then no check that needs its fields runs). */
    private Optional<DatasetSpec> dataset(MappingReader dataset) {
        Problems problems = dataset.problems();
        int reportedBefore = problems.messages().size();
        dataset.rejectUnknownKeys(List.of("name", "index", "fields"));
        Optional<String> name = dataset.requiredString("name");
        name.filter(n -> !IDENTIFIER.matcher(n).matches())
                .ifPresent(
                        n ->
                                problems.add(
                                        dataset.pathOf("name"),
                                        "'%s' is not a class name; use letters, digits and _,"
                                                + " e.g. Transaction",
                                        n));
        boolean index = dataset.bool("index").orElse(false);
        List<FieldSpec> fields = new ArrayList<>();
        dataset.requiredMapping("fields").ifPresent(f -> fields(f, fields));
        if (dataset.has("fields") && dataset.raw("fields").isObject() && fields.isEmpty()) {
            problems.add(
                    dataset.pathOf("fields"), "declares no field; a dataset needs at least one");
        }
        checkTimestampAndKeys(dataset.pathOf("fields"), fields, problems);
        if (name.isEmpty() || problems.messages().size() > reportedBefore) {
            return Optional.empty();
        }
        return Optional.of(new DatasetSpec(name.get(), index, fields));
    }

    private static void fields(MappingReader fields, List<FieldSpec> out) {
        Problems problems = fields.problems();
        for (String name : fields.keys()) {
            String path = fields.pathOf(name);
            if (!IDENTIFIER.matcher(name).matches()) {
                problems.add(path, "'%s' is not a field name; use letters, digits and _", name);
            }
            JsonNode node = fields.raw(name);
            if (node != null && node.isTextual()) {
                fieldType(node.asText(), path + ".type", problems)
                        .ifPresent(t -> out.add(new FieldSpec(name, t, false, false)));
                continue;
            }
            MappingReader.of(node, path, problems)
                    .ifPresent(
                            field -> {
                                field.rejectUnknownKeys(List.of("type", "key", "timestamp"));
                                Optional<FieldType> type =
                                        field.requiredString("type")
                                                .flatMap(
                                                        t ->
                                                                fieldType(
                                                                        t,
                                                                        field.pathOf("type"),
                                                                        problems));
                                boolean key = field.bool("key").orElse(false);
                                boolean timestamp = field.bool("timestamp").orElse(false);
                                type.ifPresent(
                                        t -> out.add(new FieldSpec(name, t, key, timestamp)));
                            });
        }
    }

    private static Optional<FieldType> fieldType(String text, String path, Problems problems) {
        Optional<FieldType> type = FieldType.parse(text);
        if (type.isEmpty()) {
            problems.add(
                    path,
                    "'%s' is not a field type; use one of %s, or Optional[T] of one of them",
                    text,
                    BaseType.allNames());
        }
        return type;
    }

    private static void checkTimestampAndKeys(
            String path, List<FieldSpec> fields, Problems problems) {
        List<FieldSpec> timestamps = fields.stream().filter(FieldSpec::timestamp).toList();
        if (timestamps.isEmpty() && !fields.isEmpty()) {
            problems.add(
                    path,
                    "no field is the event time; mark exactly one datetime field with"
                            + " timestamp: true");
        } else if (timestamps.size() > 1) {
            problems.add(
                    path,
                    "%d fields are marked timestamp: true (%s); mark exactly one",
                    timestamps.size(),
                    timestamps.stream().map(FieldSpec::name).collect(Collectors.joining(", ")));
        }
        for (FieldSpec field : timestamps) {
            if (field.type().base() != BaseType.DATETIME || field.type().optional()) {
                problems.add(
                        path + "." + field.name() + ".type",
                        "the timestamp field must be of type datetime, not %s",
                        field.type());
            }
        }
        for (FieldSpec field : fields) {
            if (field.key() && field.type().optional()) {
                problems.add(
                        path + "." + field.name() + ".type",
                        "a key field cannot be %s: every event needs its key; use %s",
                        field.type(),
                        field.type().base().pythonName());
            }
        }
    }

    /**
     * The source, or empty if it has a problem. Every check runs whatever else is wrong, except the
     * checks against the dataset's fields, which need a valid dataset.
     */
    private Optional<SourceSpec> source(
            MappingReader source,
            Optional<DatasetSpec> dataset,
            Optional<DeclaredFields> declared,
            Warnings warnings) {
        Problems problems = source.problems();
        source.rejectUnknownKeys(List.of("connector", "cursor", "every", "max_lateness", "cdc"));
        Optional<ConnectorSpec> connector =
                source.requiredMapping("connector").flatMap(SpecLoader::connector);
        Optional<String> cursor = source.string("cursor").filter(c -> !c.isEmpty());
        Optional<Duration> every = source.duration("every");
        every.filter(Duration::isZero)
                .ifPresent(e -> problems.add(source.pathOf("every"), "must be more than 0s"));
        Duration maxLateness = source.duration("max_lateness").orElse(Duration.ZERO);
        CdcMode cdc = cdc(source);

        declared.ifPresent(d -> checkCursorNamesAField(source, d, cursor));
        dataset.ifPresent(d -> checkKeyForCdc(source, d, cdc));
        if (connector.isEmpty()) {
            return Optional.empty();
        }
        SourceSpec spec = new SourceSpec(connector.get(), cursor, every, maxLateness, cdc);
        ConnectorOptions options = InstalledConnectors.find(connector.get().kind()).orElseThrow();
        if (options.streaming(spec) && every.isPresent()) {
            warnings.add(
                    source.pathOf("every"),
                    "%s %s and ignores every; remove it",
                    options.kind(),
                    options.streaming()
                            ? "is a streaming connector"
                            : "streams with cdc " + cdc.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!options.streaming(spec)
                && every.isEmpty()
                && !problems.reported(source.pathOf("every"))) {
            problems.add(
                    source.pathOf("every"),
                    "%s polls its source and needs an interval; write e.g. every: \"1m\"",
                    options.kind());
        }
        String path = source.pathOf("connector");
        options.validate(connector.get(), spec, conf, path, problems, warnings);
        SourceShapeCheck.check(options, spec, problems);
        dataset.ifPresent(d -> options.validateFields(connector.get(), spec, d, path, problems));
        return problems.isEmpty() && dataset.isPresent() ? Optional.of(spec) : Optional.empty();
    }

    private static CdcMode cdc(MappingReader source) {
        Optional<String> name = source.string("cdc");
        if (name.isEmpty()) {
            return CdcMode.APPEND;
        }
        Optional<CdcMode> mode = CdcMode.fromSpecName(name.get());
        if (mode.isEmpty()) {
            source.problems()
                    .add(
                            source.pathOf("cdc"),
                            "'%s' is not a cdc mode; use append, upsert or debezium",
                            name.get());
            return CdcMode.APPEND;
        }
        return mode.get();
    }

    /** Names the dataset declares, even where its fields have problems. */
    private record DeclaredFields(String dataset, List<String> fields) {
        /** Empty when {@code dataset.fields} is not a mapping: no names to check against. */
        static Optional<DeclaredFields> of(JsonNode dataset) {
            JsonNode fields = dataset.path("fields");
            if (!fields.isObject()) {
                return Optional.empty();
            }
            List<String> names = new ArrayList<>();
            fields.fieldNames().forEachRemaining(names::add);
            JsonNode name = dataset.path("name");
            return Optional.of(
                    new DeclaredFields(name.isTextual() ? name.asText() : "the dataset", names));
        }
    }

    private static void checkCursorNamesAField(
            MappingReader source, DeclaredFields declared, Optional<String> cursor) {
        cursor.filter(c -> !declared.fields().contains(c))
                .ifPresent(
                        c ->
                                source.problems()
                                        .add(
                                                source.pathOf("cursor"),
                                                "'%s' names no field of %s; fields: %s",
                                                c,
                                                declared.dataset(),
                                                String.join(", ", declared.fields())));
    }

    private static void checkKeyForCdc(MappingReader source, DatasetSpec dataset, CdcMode cdc) {
        Problems problems = source.problems();
        if (cdc != CdcMode.APPEND && dataset.keyFields().isEmpty()) {
            problems.add(
                    source.pathOf("cdc"),
                    "cdc '%s' needs a key: mark the fields that identify a row with key: true",
                    cdc.specName());
        }
    }

    private static Optional<ConnectorSpec> connector(MappingReader connector) {
        Problems problems = connector.problems();
        Optional<String> kind = connector.requiredString("kind");
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Optional<ConnectorOptions> options = InstalledConnectors.find(kind.get());
        if (options.isEmpty()) {
            problems.add(
                    connector.pathOf("kind"),
                    "'%s' is not a connector of this jar; available: %s (a job jar holds the"
                            + " connectors it was built with; thyme-sources-VERSION.jar holds"
                            + " every one)",
                    kind.get(),
                    String.join(", ", InstalledConnectors.availableKinds()));
            return Optional.empty();
        }
        List<String> known = new ArrayList<>(List.of("kind"));
        options.get().parameters().forEach(p -> known.add(p.name()));
        connector.rejectUnknownKeys(known);
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConnectorParameter parameter : options.get().parameters()) {
            if (parameter.type() == ConnectorParameter.Type.STRING_MAP) {
                Map<String, String> map = connector.stringMap(parameter.name());
                if (!map.isEmpty()) {
                    values.put(parameter.name(), map);
                }
            } else {
                if (parameter.required() && !connector.has(parameter.name())) {
                    problems.add(
                            connector.pathOf(parameter.name()),
                            "is required: %s",
                            parameter.description());
                }
                JsonNode raw = connector.raw(parameter.name());
                if (parameter.type() == ConnectorParameter.Type.INT
                        && raw != null
                        && raw.isIntegralNumber()) {
                    values.put(parameter.name(), raw.asText());
                } else {
                    Optional<String> value = connector.string(parameter.name());
                    if (parameter.required() && value.filter(String::isEmpty).isPresent()) {
                        problems.add(
                                connector.pathOf(parameter.name()),
                                "is empty; write %s",
                                parameter.description());
                    } else {
                        value.ifPresent(v -> values.put(parameter.name(), v));
                    }
                }
            }
        }
        return Optional.of(new ConnectorSpec(kind.get(), values));
    }
}
