package io.thyme.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spec or conf files that cannot run, with every problem found in them. The message is the report
 * that {@code validate} prints: for each file one header ({@code x.yaml has 2 problems:}), then its
 * problems, one a line.
 */
public final class InvalidSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> problemsByFile;

    public InvalidSpecException(String file, List<String> problems) {
        this(Map.of(file, problems));
    }

    private InvalidSpecException(Map<String, List<String>> problemsByFile) {
        super(format(problemsByFile));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        problemsByFile.forEach((file, problems) -> copy.put(file, List.copyOf(problems)));
        this.problemsByFile = Collections.unmodifiableMap(copy);
    }

    /**
     * A file that is not YAML: the parser's own words (where, what it expected, the line with a
     * {@code ^} under the spot), its lines indented under the problem.
     */
    public static InvalidSpecException notYaml(String file, IOException e) {
        String message =
                e instanceof JsonProcessingException parse
                        ? parse.getOriginalMessage()
                        : e.getMessage();
        return new InvalidSpecException(
                file,
                List.of(
                        "is not valid YAML: "
                                + String.valueOf(message).strip().replace("\n", "\n    ")));
    }

    /**
     * One report of the problems of several files, in the order given; a file given twice has its
     * problems under one header.
     */
    public static InvalidSpecException of(List<InvalidSpecException> reports) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        for (InvalidSpecException report : reports) {
            report.problemsByFile.forEach(
                    (file, problems) ->
                            merged.computeIfAbsent(file, f -> new ArrayList<>()).addAll(problems));
        }
        return new InvalidSpecException(merged);
    }

    /** The files with problems, in the order they were reported. */
    public List<String> files() {
        return List.copyOf(problemsByFile.keySet());
    }

    /** The problems of every file, each as {@code path: what is wrong; the fix}. */
    public List<String> problems() {
        return problemsByFile.values().stream().flatMap(List::stream).toList();
    }

    private static String format(Map<String, List<String>> problemsByFile) {
        StringBuilder text = new StringBuilder();
        problemsByFile.forEach(
                (file, problems) -> {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(file)
                            .append(" has ")
                            .append(problems.size())
                            .append(problems.size() == 1 ? " problem:" : " problems:");
                    for (String problem : problems) {
                        text.append("\n  - ").append(problem);
                    }
                });
        return text.toString();
    }
}
