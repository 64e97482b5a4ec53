package io.thyme.conf;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the Kafka sink promises: {@code exactly-once} (transactions, the default) or {@code
 * at-least-once}.
 */
public enum DeliveryGuarantee {
    EXACTLY_ONCE("exactly-once"),
    AT_LEAST_ONCE("at-least-once");

    private final String confName;

    DeliveryGuarantee(String confName) {
        this.confName = confName;
    }

    public String confName() {
        return confName;
    }

    public static Optional<DeliveryGuarantee> fromConfName(String name) {
        return Arrays.stream(values()).filter(g -> g.confName.equals(name)).findFirst();
    }
}
