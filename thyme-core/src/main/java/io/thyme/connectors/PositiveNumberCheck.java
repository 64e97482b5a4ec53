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
        Optional<Integer> value = value(connector, name);
        if (value.isEmpty() && connector.string(name).isPresent()) {
            problems.add(
                    path + "." + name,
                    "'%s' is not a positive whole number",
                    connector.string(name).get());
        }
        return value;
    }

    /** The parameter's value if it is given and positive, without a problem if it is not. */
    public static Optional<Integer> value(ConnectorSpec connector, String name) {
        try {
            return connector.string(name).map(Integer::parseInt).filter(v -> v > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
