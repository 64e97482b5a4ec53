package io.thyme.spec;

import io.thyme.conf.ThymeConf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads several spec files for one job, reporting the problems of all of them at once. */
public final class SpecFiles {
    private SpecFiles() {}

    public static List<JobSpec> loadAll(ThymeConf conf, List<Path> files) {
        SpecLoader loader = new SpecLoader(conf);
        List<JobSpec> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> fileOfDataset = new HashMap<>();
        for (Path file : files) {
            try {
                JobSpec spec = loader.load(file);
                String earlier = fileOfDataset.putIfAbsent(spec.dataset().name(), spec.file());
                if (earlier != null) {
                    problems.add(
                            spec.file()
                                    + ": dataset.name: "
                                    + spec.dataset().name()
                                    + " is also declared in "
                                    + earlier
                                    + "; each dataset has one source in a job");
                }
                specs.add(spec);
            } catch (InvalidSpecException e) {
                problems.add(e.getMessage());
            }
        }
        if (files.isEmpty()) {
            problems.add("no spec file given; name one or more, e.g. jobs/transactions.yaml");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(
                    files.size() == 1 ? files.get(0).toString() : files.size() + " spec files",
                    problems);
        }
        return specs;
    }
}
