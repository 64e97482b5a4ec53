package io.thyme.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One change to a YAML document, e.g. {@code drop source.every}: what a user could get wrong. The
 * {@code paths} are where a validator may report the change, in the spec's dotted notation (a
 * renamed key: at its old or its new name).
 */
public record YamlMutant(String description, List<String> paths, Consumer<ObjectNode> change) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A copy of {@code root} with this change made. */
    public ObjectNode applyTo(ObjectNode root) {
        ObjectNode copy = root.deepCopy();
        change.accept(copy);
        return copy;
    }

    /** This change and {@code other} made together. */
    public YamlMutant and(YamlMutant other) {
        return new YamlMutant(
                description + " and " + other.description,
                List.of(),
                root -> {
                    change.accept(root);
                    other.change.accept(root);
                });
    }

    /**
     * Every key of {@code root}, at any depth, dropped, renamed to {@code <key>_typo}, and its
     * value replaced by a value of each other YAML shape (number, boolean, string, list, mapping,
     * null); a string also by {@code 'wrong'} and by the empty string.
     */
    public static List<YamlMutant> everyKeyAndValue(ObjectNode root) {
        List<YamlMutant> mutants = new ArrayList<>();
        collect(root, List.of(), mutants);
        return mutants;
    }

    private static void collect(ObjectNode mapping, List<String> at, List<YamlMutant> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<String> keys = new ArrayList<>(at);
            keys.add(entry.getKey());
            String path = String.join(".", keys);
            JsonNode value = entry.getValue();
            out.add(
                    new YamlMutant(
                            "drop " + path,
                            List.of(path),
                            root -> parent(root, keys).remove(last(keys))));
            out.add(renamed(keys, entry.getKey() + "_typo", "rename"));
            for (JsonNode replacement : otherShapes(entry.getKey(), value)) {
                out.add(
                        new YamlMutant(
                                shape(replacement) + " at " + path,
                                List.of(path),
                                root ->
                                        parent(root, keys)
                                                .set(last(keys), replacement.deepCopy())));
            }
            if (value.isTextual()) {
                for (String text : List.of("wrong", "")) {
                    if (!value.asText().equals(text)) {
                        out.add(valued(keys, text, path));
                    }
                }
            }
            if (value.isObject()) {
                collect((ObjectNode) value, keys, out);
            }
        }
    }

    /** The key at {@code keys} renamed to {@code newKey}, in its place among its siblings. */
    public static YamlMutant renamed(List<String> keys, String newKey, String verb) {
        String path = String.join(".", keys);
        String newPath = String.join(".", keys.subList(0, keys.size() - 1));
        newPath = newPath.isEmpty() ? newKey : newPath + "." + newKey;
        return new YamlMutant(
                verb + " " + path + " to " + newKey,
                List.of(path, newPath),
                root -> {
                    ObjectNode parent = parent(root, keys);
                    ObjectNode renamed = NODES.objectNode();
                    parent.fields()
                            .forEachRemaining(
                                    e ->
                                            renamed.set(
                                                    e.getKey().equals(last(keys))
                                                            ? newKey
                                                            : e.getKey(),
                                                    e.getValue()));
                    parent.removeAll();
                    parent.setAll(renamed);
                });
    }

    /** The value at {@code keys} replaced by the string {@code text}, reported under {@code at}. */
    public static YamlMutant valued(List<String> keys, String text, String at) {
        String path = String.join(".", keys);
        return new YamlMutant(
                "'" + text + "' at " + path,
                List.of(at),
                root -> parent(root, keys).put(last(keys), text));
    }

    private static List<JsonNode> otherShapes(String key, JsonNode value) {
        List<JsonNode> shapes = new ArrayList<>();
        if (!value.isNumber()) {
            shapes.add(NODES.numberNode(42));
        }
        if (!value.isBoolean()) {
            shapes.add(NODES.booleanNode(true));
        }
        if (!value.isTextual()) {
            shapes.add(NODES.textNode("wrong"));
        }
        shapes.add(NODES.arrayNode().add(value.deepCopy()));
        if (!value.isObject()) {
            shapes.add(NODES.objectNode().set(key, value.deepCopy()));
        }
        shapes.add(NODES.nullNode());
        return shapes;
    }

    private static String shape(JsonNode value) {
        if (value.isNumber()) {
            return "number";
        } else if (value.isBoolean()) {
            return "boolean";
        } else if (value.isTextual()) {
            return "string";
        } else if (value.isArray()) {
            return "list";
        } else if (value.isObject()) {
            return "mapping";
        }
        return "null";
    }

    private static ObjectNode parent(ObjectNode root, List<String> keys) {
        ObjectNode node = root;
        for (String key : keys.subList(0, keys.size() - 1)) {
            node = (ObjectNode) node.get(key);
        }
        return node;
    }

    private static String last(List<String> keys) {
        return keys.get(keys.size() - 1);
    }
}
