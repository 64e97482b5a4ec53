package io.thyme.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem found in a spec or a conf file, so that all of them are reported at once.
 */
public final class Problems {
    private final String file;
    private final List<String> messages = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    /** Records a problem at a dotted path such as {@code source.every}. */
    public void add(String path, String message, Object... args) {
        messages.add(prefix(path) + String.format(message, args));
    }

    /**
     * Whether a problem is recorded at {@code path} already, e.g. a value of the wrong type: a
     * check that finds the value missing then has nothing to add.
     */
    public boolean reported(String path) {
        String prefix = prefix(path);
        return messages.stream().anyMatch(m -> m.startsWith(prefix));
    }

    private static String prefix(String path) {
        return (path.isEmpty() ? "top level" : path) + ": ";
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return Collections.unmodifiableList(messages);
    }

    /** Throws {@link InvalidSpecException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InvalidSpecException(file, messages);
        }
    }
}
