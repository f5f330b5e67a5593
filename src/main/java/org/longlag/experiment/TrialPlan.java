package org.longlag.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.longlag.model.ModelKinds;

/**
 * One trial to run: a row, one of its models, a trial index, the seed derived for it, and the
 * effective configuration whose hash identifies "the same trial" when a run is resumed.
 * Serializable: a task on a cluster carries its plan, so executors need no experiment files.
 *
 * @param row the experiment row
 * @param model the model entry (budget already capped by {@code --max-sequences})
 * @param trial trial index, from 0
 * @param testSize sequences in the final test set
 * @param runSeed the run's seed
 * @param seed the trial seed, derived from the run seed and the trial index
 * @param config the effective configuration
 * @param configHash hash of {@code config}
 */
public record TrialPlan(ExperimentRow row, ModelEntry model, int trial, int testSize, long runSeed, long seed,
        Map<String, Object> config, String configHash) implements Serializable {

    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Plans trial {@code trial} of {@code model} on {@code row} under run seed {@code runSeed}. */
    public static TrialPlan of(ExperimentRow row, ModelEntry model, int trial, int testSize, long runSeed) {
        Map<String, Object> task = new LinkedHashMap<>(row.taskParams(model));
        task.put("kind", row.taskKind());
        Map<String, Object> modelConfig = new LinkedHashMap<>(
                ModelKinds.get(model.kind()).effectiveSettings(model.settings()));
        modelConfig.put("kind", model.kind());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("experiment", row.id());
        config.put("task", task);
        config.put("stopping", row.stopping());
        config.put("testSize", testSize);
        config.put("model", model.name());
        config.put("modelSettings", modelConfig);
        config.put("budget", model.budget());
        if (model.budgetSeconds() != null) {
            // Only when set, so trials recorded before time budgets existed keep their identity.
            config.put("budgetSeconds", model.budgetSeconds());
        }
        config.put("runSeed", runSeed);
        return new TrialPlan(row, model, trial, testSize, runSeed, trialSeed(runSeed, trial), config, hash(config));
    }

    /**
     * The trial seed: a SplitMix64 mix of the run seed and the trial index. Every model of a row
     * gets the same seed for the same trial, so in trial i all models see the same training stream
     * and the same test set.
     */
    public static long trialSeed(long runSeed, int trial) {
        long z = runSeed + 0x9E3779B97F4A7C15L * (trial + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String hash(Map<String, Object> config) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(config).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash configuration", e);
        }
    }

    /** Short label for progress output, e.g. {@code adding-t100/lstm#2}. */
    public String label() {
        return row.id() + "/" + model.name() + "#" + trial;
    }
}
