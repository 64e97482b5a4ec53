package io.thyme.conf;

import io.thyme.spec.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${env:VAR}}, {@code ${env:VAR:-default}} and {@code ${file:path}} in conf values,
 * so that conf files name secrets instead of holding them.
 */
public final class SecretResolver {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private final Map<String, String> environment;
    private final Path baseDir;

    /**
     * @param environment where {@code env:} references are looked up (the process environment)
     * @param baseDir what relative {@code file:} paths are relative to (the conf directory)
     */
    public SecretResolver(Map<String, String> environment, Path baseDir) {
        this.environment = environment;
        this.baseDir = baseDir;
    }

    /**
     * The value with every reference expanded; a reference that cannot be expanded is a problem.
     */
    public String resolve(String value, String path, Problems problems) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement =
                    "env".equals(matcher.group(1))
                            ? fromEnvironment(matcher.group(2), path, problems)
                            : fromFile(matcher.group(2), path, problems);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String fromEnvironment(String reference, String path, Problems problems) {
        int dash = reference.indexOf(":-");
        String name = dash < 0 ? reference : reference.substring(0, dash);
        String value = environment.get(name);
        if (value != null) {
            return value;
        }
        if (dash >= 0) {
            return reference.substring(dash + 2);
        }
        problems.add(
                path,
                "environment variable %s is not set; export it, or write ${env:%s:-default}",
                name,
                name);
        return "";
    }

    private String fromFile(String reference, String path, Problems problems) {
        Path file = baseDir.resolve(reference.trim());
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            problems.add(
                    path, "cannot read secret file %s (%s); create it or fix the path", file, e);
            return "";
        }
    }
}
