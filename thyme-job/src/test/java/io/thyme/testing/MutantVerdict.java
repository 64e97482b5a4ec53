package io.thyme.testing;

import io.thyme.spec.InvalidSpecException;
import java.util.List;
import java.util.Optional;

/**
 * Judges what validating a mutant gave: it must pass when it is {@code expectedValid}, otherwise
 * fail with an {@link InvalidSpecException} whose report has no defect and names one of the
 * mutant's paths, or {@code elsewhere} for a change whose problem shows where the changed thing is
 * used (a dropped field that the cursor names). Any other exception is a bug of the validator.
 */
public final class MutantVerdict {
    private MutantVerdict() {}

    /** What went wrong, for the test's failure message; empty when the validator behaved. */
    public static Optional<String> judge(
            String file,
            YamlMutant mutant,
            Runnable validate,
            boolean expectedValid,
            Optional<String> elsewhere) {
        List<String> paths = elsewhere.map(List::of).orElse(mutant.paths());
        String name = file + ": " + mutant.description();
        try {
            validate.run();
        } catch (InvalidSpecException e) {
            if (expectedValid) {
                return Optional.of(name + ": expected to validate, but\n" + e.getMessage());
            }
            ProblemReport report = ProblemReport.of(e.getMessage());
            List<String> defects = report.defects(List.of(file));
            if (!defects.isEmpty()) {
                return Optional.of(name + ": " + defects + " in\n" + e.getMessage());
            }
            if (paths.stream().noneMatch(report::reportsAt)) {
                return Optional.of(
                        name + ": expected a problem at " + paths + ", but\n" + e.getMessage());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            StackTraceElement[] frames = e.getStackTrace();
            return Optional.of(
                    name
                            + ": threw "
                            + e
                            + (frames.length > 0 ? " at " + frames[0] : "")
                            + "; only InvalidSpecException may leave the validator");
        }
        return expectedValid
                ? Optional.empty()
                : Optional.of(name + ": expected a problem at " + paths + ", but it validated");
    }
}
