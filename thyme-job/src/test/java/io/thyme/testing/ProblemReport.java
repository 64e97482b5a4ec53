package io.thyme.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The problem report that {@code validate} prints, read back: one header per file ({@code x.yaml
 * has 2 problems:}) and the problem lines under it ({@code - source.every: ...}), a problem's
 * further lines indented by four spaces.
 */
public record ProblemReport(String text, List<String> headers, List<String> problems) {
    private static final Pattern HEADER = Pattern.compile("(.+) has (\\d+) problems?:");
    private static final String PROBLEM = "  - ";
    private static final String MORE = "    ";

    public static ProblemReport of(String text) {
        List<String> headers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(PROBLEM)) {
                problems.add(line.substring(PROBLEM.length()));
            } else if (line.startsWith(MORE) && !problems.isEmpty()) {
                int last = problems.size() - 1;
                problems.set(last, problems.get(last) + "\n" + line);
            } else {
                headers.add(line);
            }
        }
        return new ProblemReport(text, headers, problems);
    }

    /** The path each problem names first, e.g. {@code source.every}. */
    public List<String> paths() {
        return problems.stream().map(p -> p.substring(0, Math.max(0, p.indexOf(": ")))).toList();
    }

    /** Whether a problem is reported at {@code path} or at a key under it. */
    public boolean reportsAt(String path) {
        return paths().stream().anyMatch(p -> p.equals(path) || p.startsWith(path + "."));
    }

    /**
     * What is wrong with the report itself, whatever the spec: a header other than one for each
     * file, a count that is not the number of lines under it, a problem without a path, a problem
     * given twice, a Java exception or stack frame.
     */
    public List<String> defects(List<String> files) {
        List<String> defects = new ArrayList<>();
        List<String> expectedHeaders = new ArrayList<>();
        int counted = 0;
        for (String header : headers) {
            Matcher matcher = HEADER.matcher(header);
            if (!matcher.matches()) {
                defects.add("a line that is neither a header nor a problem: " + header);
                continue;
            }
            expectedHeaders.add(matcher.group(1));
            counted += Integer.parseInt(matcher.group(2));
        }
        if (!expectedHeaders.stream().sorted().toList().equals(files.stream().sorted().toList())) {
            defects.add("headers for " + expectedHeaders + ", expected one for each of " + files);
        }
        if (counted != problems.size()) {
            defects.add("headers count " + counted + " problems, " + problems.size() + " listed");
        }
        Set<String> seen = new HashSet<>();
        for (String problem : problems) {
            if (!seen.add(problem)) {
                defects.add("problem listed twice: " + problem);
            }
            if (HEADER.matcher(problem).matches()) {
                defects.add("a header inside the list of problems: " + problem);
            } else if (!problem.contains(": ")) {
                defects.add("problem without a path: " + problem);
            }
        }
        if (text.contains("Exception") || text.contains("\tat ") || text.contains("at io.thyme")) {
            defects.add("a Java exception in the report");
        }
        return defects;
    }
}
