package io.thyme.connectors;

import io.thyme.spec.ConnectorSpec;
import io.thyme.spec.Problems;
import java.util.Optional;

/** The check of a connector parameter that must be a positive whole number, e.g. batch_size. */
public final class PositiveNumberCheck {
    private PositiveNumberCheck() {}

    /** The parameter's value if it is given and positive; a problem if it is given and is not. */
    public static Optional<Integer> check(
            ConnectorSpec connector, String name, String path, Problems problems) {
        Optional<String> text = connector.string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value > 0) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(path + "." + name, "'%s' is not a positive whole number", text.get());
        return Optional.empty();
    }
}
