package io.thyme.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An ITCase that stops or restarts a server every test shares (the Kafka broker, PostgreSQL):
 * failsafe runs these one at a time after the others, which run two JVMs at once (the parent pom).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {
    String TAG = "runs-alone";
}
