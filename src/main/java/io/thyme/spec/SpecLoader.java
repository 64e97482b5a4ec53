package io.thyme.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.thyme.conf.ThymeConf;
import io.thyme.connectors.ConnectorCatalog;
import io.thyme.connectors.ConnectorOptions;
import io.thyme.connectors.ConnectorParameter;
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
            root = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new InvalidSpecException(file, List.of("is not valid YAML: " + e.getMessage()));
        }
        Problems problems = new Problems(file);
        Warnings warnings = new Warnings();
        Optional<MappingReader> top = MappingReader.of(root, "", problems);
        if (top.isEmpty()) {
            problems.throwIfAny();
        }
        top.get().rejectUnknownKeys(List.of("dataset", "source"));
        Optional<DatasetSpec> dataset = top.get().requiredMapping("dataset").flatMap(this::dataset);
        Optional<SourceSpec> source =
                top.get().requiredMapping("source").flatMap(s -> source(s, dataset, warnings));
        problems.throwIfAny();
        return new JobSpec(file, dataset.get(), source.get(), warnings.messages());
    }

    private Optional<DatasetSpec> dataset(MappingReader dataset) {
        Problems problems = dataset.problems();
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
        if (name.isEmpty() || !problems.isEmpty()) {
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

    private Optional<SourceSpec> source(
            MappingReader source, Optional<DatasetSpec> dataset, Warnings warnings) {
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

        dataset.ifPresent(d -> checkAgainstDataset(source, d, cursor, cdc));
        if (connector.isEmpty() || dataset.isEmpty()) {
            return Optional.empty();
        }
        SourceSpec spec = new SourceSpec(connector.get(), cursor, every, maxLateness, cdc);
        ConnectorOptions options = ConnectorCatalog.find(connector.get().kind()).orElseThrow();
        if (options.streaming(spec) && every.isPresent()) {
            warnings.add(
                    source.pathOf("every"),
                    "%s %s and ignores every; remove it",
                    options.kind(),
                    options.streaming()
                            ? "is a streaming connector"
                            : "streams with cdc " + cdc.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!options.streaming(spec) && every.isEmpty()) {
            problems.add(
                    source.pathOf("every"),
                    "%s polls its source and needs an interval; write e.g. every: \"1m\"",
                    options.kind());
        }
        options.validate(
                connector.get(),
                spec,
                dataset.get(),
                conf,
                source.pathOf("connector"),
                problems,
                warnings);
        return problems.isEmpty() ? Optional.of(spec) : Optional.empty();
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

    private static void checkAgainstDataset(
            MappingReader source, DatasetSpec dataset, Optional<String> cursor, CdcMode cdc) {
        Problems problems = source.problems();
        cursor.filter(c -> dataset.field(c).isEmpty())
                .ifPresent(
                        c ->
                                problems.add(
                                        source.pathOf("cursor"),
                                        "'%s' names no field of %s; fields: %s",
                                        c,
                                        dataset.name(),
                                        dataset.fields().stream()
                                                .map(FieldSpec::name)
                                                .collect(Collectors.joining(", "))));
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
        Optional<ConnectorOptions> options = ConnectorCatalog.find(kind.get());
        if (options.isEmpty()) {
            problems.add(
                    connector.pathOf("kind"),
                    "'%s' is not a connector; available: %s",
                    kind.get(),
                    String.join(", ", ConnectorCatalog.availableKinds()));
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
                    connector
                            .string(parameter.name())
                            .ifPresent(v -> values.put(parameter.name(), v));
                }
            }
        }
        return Optional.of(new ConnectorSpec(kind.get(), values));
    }
}
