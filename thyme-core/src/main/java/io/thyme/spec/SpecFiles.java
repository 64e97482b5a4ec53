package io.thyme.spec;

import io.thyme.conf.ThymeConf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Loads several spec files for one job, reporting the problems of all of them at once. */
public final class SpecFiles {
    private SpecFiles() {}

    public static List<JobSpec> loadAll(ThymeConf conf, List<Path> files) {
        return loadAll(conf, files, Map.of());
    }

    /**
     * The spec files and the specs given as text ({@code name -> text}, the name standing for the
     * file in messages), checked together.
     */
    public static List<JobSpec> loadAll(
            ThymeConf conf, List<Path> files, Map<String, String> inline) {
        SpecLoader loader = new SpecLoader(conf);
        List<Supplier<JobSpec>> sources = new ArrayList<>();
        files.forEach(file -> sources.add(() -> loader.load(file)));
        inline.forEach((name, text) -> sources.add(() -> loader.parse(name, text)));
        if (sources.isEmpty()) {
            throw new InvalidSpecException(
                    "the command line",
                    List.of("no spec file given; name one or more, e.g. jobs/transactions.yaml"));
        }
        List<JobSpec> specs = new ArrayList<>();
        List<InvalidSpecException> reports = new ArrayList<>();
        Map<String, String> fileOfDataset = new HashMap<>();
        for (Supplier<JobSpec> source : sources) {
            try {
                JobSpec spec = source.get();
                String earlier = fileOfDataset.putIfAbsent(spec.dataset().name(), spec.file());
                if (earlier != null) {
                    reports.add(
                            new InvalidSpecException(
                                    spec.file(),
                                    List.of(
                                            String.format(
                                                    "dataset.name: %s is also declared in %s; each"
                                                            + " dataset has one source in a job",
                                                    spec.dataset().name(), earlier))));
                }
                specs.add(spec);
            } catch (InvalidSpecException e) {
                reports.add(e);
            }
        }
        if (!reports.isEmpty()) {
            throw InvalidSpecException.of(reports);
        }
        return specs;
    }
}
