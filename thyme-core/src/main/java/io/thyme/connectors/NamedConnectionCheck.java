package io.thyme.connectors;

import io.thyme.conf.ConnectionSection;
import io.thyme.conf.ThymeConf;
import io.thyme.spec.Problems;
import java.util.Map;

/** The check of a connector parameter that names a connection declared in conf/thyme.yaml. */
public final class NamedConnectionCheck {
    private NamedConnectionCheck() {}

    /**
     * Adds a problem at {@code path} if {@code conf} declares no {@code name} in {@code section}.
     */
    public static void check(
            String path,
            String name,
            ConnectionSection<?> section,
            ThymeConf conf,
            Problems problems) {
        Map<String, ?> declared = conf.connections(section);
        if (!declared.containsKey(name)) {
            problems.add(
                    path,
                    "no %s named '%s' under %s: in %s; declared: %s",
                    section.entryNoun(),
                    name,
                    section.key(),
                    conf.file(),
                    declared.isEmpty() ? "(none)" : String.join(", ", declared.keySet()));
        }
    }
}
