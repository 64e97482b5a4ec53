package io.thyme.connectors;

import io.thyme.spec.Problems;
import java.util.Map;

/** The check of a connector parameter that names a connection declared in conf/thyme.yaml. */
public final class NamedConnectionCheck {
    private NamedConnectionCheck() {}

    /**
     * Adds a problem at {@code path} if {@code name} is not among {@code declared}, the entries of
     * {@code section:} in {@code confFile}; {@code what} says what an entry is, e.g. "account".
     */
    public static void check(
            String path,
            String name,
            String what,
            String section,
            Map<String, ?> declared,
            String confFile,
            Problems problems) {
        if (!declared.containsKey(name)) {
            problems.add(
                    path,
                    "no %s named '%s' under %s: in %s; declared: %s",
                    what,
                    name,
                    section,
                    confFile,
                    declared.isEmpty() ? "(none)" : String.join(", ", declared.keySet()));
        }
    }
}
