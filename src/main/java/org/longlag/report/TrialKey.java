package org.longlag.report;

import java.util.Locale;
import java.util.Map;

/**
 * The identity of a trial: row, model, effective configuration (its hash), run seed and trial
 * index. Two result lines with the same identity record the same trial, run twice; the store
 * counts it once ({@link ResultStore#read}), and a runner that finds it recorded does not run it
 * again.
 *
 * @param experiment row id
 * @param model model name within the row
 * @param configHash hash of the effective configuration (which itself includes the run seed)
 * @param runSeed the run seed, or {@code null} if a line's configuration does not record it
 * @param trial trial index within the run
 */
public record TrialKey(String experiment, String model, String configHash, Long runSeed, int trial) {

    /** The identity of a recorded trial. */
    public static TrialKey of(TrialResult result) {
        TrialResult.Provenance provenance = result.provenance();
        Map<String, Object> config = provenance == null ? null : provenance.config();
        Object seed = config == null ? null : config.get("runSeed");
        return new TrialKey(result.experiment(), result.model(), provenance == null ? null : provenance.configHash(),
                seed instanceof Number n ? Long.valueOf(n.longValue()) : null, result.trial());
    }

    /** Short description for messages, e.g. {@code adding-t100/lstm trial 2 (config 1a2b..., run seed 1997)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s/%s trial %d (config %s, run seed %s)", experiment, model, trial,
                configHash, runSeed == null ? "unrecorded" : runSeed.toString());
    }
}
