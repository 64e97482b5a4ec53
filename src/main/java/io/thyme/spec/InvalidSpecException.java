package io.thyme.spec;

import java.util.List;

/** A spec or conf file that cannot run, with every problem found in it. */
public final class InvalidSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final List<String> problems;

    public InvalidSpecException(String file, List<String> problems) {
        super(format(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(String file, List<String> problems) {
        StringBuilder text = new StringBuilder();
        text.append(file)
                .append(" has ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (String problem : problems) {
            text.append("\n  - ").append(problem);
        }
        return text.toString();
    }
}
