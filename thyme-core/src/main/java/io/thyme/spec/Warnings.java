package io.thyme.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Things in a spec that run but are probably not what the user meant (e.g. {@code every} on a
 * stream).
 */
public final class Warnings {
    private final List<String> messages = new ArrayList<>();

    public void add(String path, String message, Object... args) {
        messages.add(path + ": " + String.format(message, args));
    }

    public List<String> messages() {
        return Collections.unmodifiableList(messages);
    }
}
