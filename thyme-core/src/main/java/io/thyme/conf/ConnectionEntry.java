package io.thyme.conf;

import io.thyme.spec.MappingReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One named entry of a connection section of {@code conf/thyme.yaml} (a database under {@code
 * postgres:}, a catalog under {@code iceberg:}), as a connector's {@link ConnectionSection} reads
 * it: values come back with their {@code ${env:..}} and {@code ${file:..}} references resolved, and
 * every problem is recorded with its path instead of thrown, so a file's problems are reported at
 * once.
 */
public final class ConnectionEntry {
    private final String name;
    private final MappingReader mapping;
    private final SecretResolver secrets;

    ConnectionEntry(String name, MappingReader mapping, SecretResolver secrets) {
        this.name = name;
        this.mapping = mapping;
        this.secrets = secrets;
    }

    /** The entry's name, the one specs refer to, e.g. {@code prod}. */
    public String name() {
        return name;
    }

    /** Reports every key that is not in {@code known}. */
    public void acceptOnly(List<String> known) {
        mapping.rejectUnknownKeys(known);
    }

    /** A required value, resolved; missing or {@code ""} is a problem and gives {@code ""}. */
    public String required(String key) {
        return nonEmpty(key, mapping.requiredString(key)).map(v -> resolve(key, v)).orElse("");
    }

    /** An optional value, resolved, or {@code ""}. */
    public String optional(String key) {
        return mapping.string(key).map(v -> resolve(key, v)).orElse("");
    }

    /** The value as written, not resolved; a problem when it is missing. */
    public Optional<String> requiredLiteral(String key) {
        return mapping.requiredString(key);
    }

    /** The value as written, not resolved; a problem when it is missing or {@code ""}. */
    public Optional<String> nonEmptyLiteral(String key) {
        return nonEmpty(key, mapping.requiredString(key));
    }

    /** A required value, resolved, where {@code ""} is a value (an empty password). */
    public String requiredMayBeEmpty(String key) {
        return mapping.requiredString(key).map(v -> resolve(key, v)).orElse("");
    }

    /** The value as written, not resolved. */
    public Optional<String> literal(String key) {
        return mapping.string(key);
    }

    public Optional<Boolean> bool(String key) {
        return mapping.bool(key);
    }

    /** A port number, written bare or as a resolved string; {@code otherwise} when absent. */
    public int port(String key, int otherwise) {
        if (!mapping.has(key)) {
            return otherwise;
        }
        String text =
                mapping.raw(key).isInt()
                        ? mapping.raw(key).asText()
                        : mapping.string(key).map(p -> resolve(key, p)).orElse(null);
        if (text == null) {
            return otherwise; // not a string: reported already
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problem(key, "'%s' is not a port number", text);
            return otherwise;
        }
    }

    /** The entry's {@code properties:}, each value resolved. */
    public Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        mapping.stringMap("properties")
                .forEach((k, v) -> props.put(k, resolve("properties." + k, v)));
        return props;
    }

    /** Resolves {@code value}, written at {@code key}, reporting a reference that cannot be. */
    public String resolve(String key, String value) {
        return secrets.resolve(value, mapping.pathOf(key), mapping.problems());
    }

    /** Records a problem at {@code key} of this entry. */
    public void problem(String key, String format, Object... args) {
        mapping.problems().add(mapping.pathOf(key), format, args);
    }

    /** Records a problem of the entry as a whole. */
    public void problem(String format, Object... args) {
        mapping.problems().add(mapping.path(), format, args);
    }

    private Optional<String> nonEmpty(String key, Optional<String> value) {
        if (value.filter(String::isEmpty).isPresent()) {
            problem(
                    key,
                    "is empty; write its value, or ${env:VAR} to take it from the environment");
            return Optional.empty();
        }
        return value;
    }

    /** Whether {@code text} is an absolute http(s) URL with a host. */
    public static boolean isHttpUrl(String text) {
        try {
            java.net.URI uri = new java.net.URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * {@code file:relative/dir} resolved against the working directory, so the JobManager and
     * TaskManagers of a local cluster see the same directory; other URIs as they are.
     */
    public static String absoluteFileUri(String uri) {
        if (uri.startsWith("file:") && !uri.startsWith("file:/")) {
            return Path.of(uri.substring("file:".length()))
                    .toAbsolutePath()
                    .normalize()
                    .toUri()
                    .toString();
        }
        return uri;
    }
}
