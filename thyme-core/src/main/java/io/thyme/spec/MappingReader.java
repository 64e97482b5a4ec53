package io.thyme.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML mapping of a spec or conf file. Every getter records a problem, with the key's
 * full path and a fix, instead of throwing, so that a file's problems are all reported at once.
 */
public final class MappingReader {
    private final JsonNode node;
    private final String path;
    private final Problems problems;

    private MappingReader(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** A reader for {@code node}, or empty (and a problem) when it is not a mapping. */
    public static Optional<MappingReader> of(JsonNode node, String path, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(path, "expected a mapping of keys to values, found %s", describe(node));
            return Optional.empty();
        }
        return Optional.of(new MappingReader(node, path, problems));
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    public JsonNode raw(String key) {
        return node.get(key);
    }

    /** Reports every key that is not in {@code known}. */
    public void rejectUnknownKeys(Collection<String> known) {
        rejectUnknownKeys(known, "");
    }

    /** Reports every key that is not in {@code known}, each problem ending with {@code hint}. */
    public void rejectUnknownKeys(Collection<String> known, String hint) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add(
                        pathOf(key),
                        "unknown key '%s'; expected one of: %s%s",
                        key,
                        String.join(", ", known),
                        hint);
            }
        }
    }

    public Optional<String> requiredString(String key) {
        if (!has(key)) {
            problems.add(pathOf(key), "is required");
            return Optional.empty();
        }
        return string(key);
    }

    /** A scalar as text; empty when absent. Numbers and booleans are refused: write them quoted. */
    public Optional<String> string(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isTextual()) {
            problems.add(
                    pathOf(key),
                    value.isValueNode()
                            ? "expected a string, found %s; quote it, e.g. %s: \"%s\""
                            : "expected a string, found %s; write one value, e.g. %s: \"%s\"",
                    describe(value),
                    key,
                    value.isValueNode() ? value.asText() : "...");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    public Optional<Boolean> bool(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            problems.add(pathOf(key), "expected true or false, found %s", describe(value));
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }

    public Optional<MappingReader> mapping(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return of(node.get(key), pathOf(key), problems);
    }

    public Optional<MappingReader> requiredMapping(String key) {
        if (!has(key)) {
            problems.add(pathOf(key), "is required");
            return Optional.empty();
        }
        return mapping(key);
    }

    /** A mapping of names to scalar values, e.g. client properties; empty map when absent. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        mapping(key)
                .ifPresent(
                        inner -> {
                            for (String name : inner.keys()) {
                                JsonNode value = inner.raw(name);
                                if (value == null || !value.isValueNode() || value.isNull()) {
                                    problems.add(
                                            inner.pathOf(name),
                                            "expected a single value, found %s",
                                            describe(value));
                                } else {
                                    result.put(name, value.asText());
                                }
                            }
                        });
        return result;
    }

    /**
     * A duration such as {@code 5m}; empty when absent or {@code ""} (the guide's default). A
     * duration that does not parse is a problem.
     */
    public Optional<Duration> duration(String key) {
        if (has(key) && !node.get(key).isTextual()) {
            JsonNode value = node.get(key);
            problems.add(
                    pathOf(key),
                    "%s is not a duration; %s",
                    value.isValueNode() ? "'" + value.asText() + "'" : describe(value),
                    DurationParser.syntaxHelp());
            return Optional.empty();
        }
        Optional<String> text = string(key).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> parsed = DurationParser.parse(text.get());
        if (parsed.isEmpty()) {
            problems.add(
                    pathOf(key),
                    "'%s' is not a duration; %s",
                    text.get(),
                    DurationParser.syntaxHelp());
        }
        return parsed;
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        } else if (value.isObject()) {
            return "a mapping";
        } else if (value.isArray()) {
            return "a list";
        } else if (value.isBoolean()) {
            return "the boolean " + value.asText();
        } else if (value.isNumber()) {
            return "the number " + value.asText();
        }
        return "'" + value.asText() + "'";
    }
}
