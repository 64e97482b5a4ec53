package io.thyme.connectors;

import io.thyme.conf.ThymeConf;
import io.thyme.spec.JobSpec;
import java.util.List;

/**
 * Releases what a source keeps in the external system between runs (a Postgres replication slot and
 * publication, say), for the {@code cleanup} command, after a job is cancelled for good.
 */
public interface SourceCleanup {

    /** Whether a dataset declared by {@code spec} leaves anything behind. */
    boolean appliesTo(JobSpec spec);

    /** Drops what {@code spec}'s dataset left; returns what was dropped, for the user. */
    List<String> run(JobSpec spec, ThymeConf conf) throws Exception;
}
