package org.longlag.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trials that stand for one model of a row: the model's line as {@code TABLES.md} draws it
 * (same model name, protocol and budget), and of several such lines the one {@link Verdicts}
 * judges (the most trials; on a tie the latest finished). Trials of the model's other lines are
 * counted, not pooled, because different budgets or protocols are different experiments and
 * mixing them would give a share of solved trials that no configuration achieved.
 *
 * @param model the model name
 * @param trials the chosen line, ordered by trial index and seed (so every figure computed from it
 *     is independent of the order of lines in the result file); empty when the model was not run
 * @param leftOutTrials trials of the model in its other lines
 * @param otherLines how many other lines the model has
 */
public record ModelLine(String model, List<TrialResult> trials, int leftOutTrials, int otherLines) {
    /** Orders the trials of a line canonically. */
    private static final Comparator<TrialResult> TRIAL_ORDER = Comparator.comparingInt(TrialResult::trial)
            .thenComparingLong(TrialResult::seed)
            .thenComparing(r -> r.provenance() == null || r.provenance().finishedAt() == null ? ""
                    : r.provenance().finishedAt());

    public ModelLine {
        trials = List.copyOf(trials);
    }

    /** Whether the model has any trial in the chosen line. */
    public boolean run() {
        return !trials.isEmpty();
    }

    /** The line that stands for {@code model} among {@code rowTrials}, the trials of one row. */
    public static ModelLine of(String model, List<TrialResult> rowTrials) {
        return of(model, rowTrials, java.util.Set.of());
    }

    /** As {@link #of(String, List)}, preferring the line of the row's current settings ({@link PaperRow#currentConfigs}). */
    public static ModelLine of(String model, List<TrialResult> rowTrials, java.util.Set<String> current) {
        List<List<TrialResult>> lines = lines(rowTrials.stream().filter(r -> model.equals(r.model())).toList());
        List<TrialResult> chosen = Verdicts.judgedLine(model, lines, current);
        int all = lines.stream().mapToInt(List::size).sum();
        return new ModelLine(model, chosen.stream().sorted(TRIAL_ORDER).toList(), all - chosen.size(),
                Math.max(0, lines.size() - 1));
    }

    /**
     * Whether {@code line} holds a trial of a configuration the experiment files still describe
     * ({@code current}: {@link PaperRow#currentConfigs}).
     */
    static boolean ofCurrentSettings(List<TrialResult> line, java.util.Set<String> current) {
        return line.stream().anyMatch(r -> r.provenance() != null && current.contains(r.provenance().configHash()));
    }

    /**
     * Trials split into lines, in the order of their keys ({@link #lineKey}): the grouping of
     * {@code TABLES.md}, so the trials counted here are those of one of its lines.
     */
    static List<List<TrialResult>> lines(List<TrialResult> trials) {
        Map<String, List<TrialResult>> lines = new TreeMap<>();
        for (TrialResult r : trials) {
            lines.computeIfAbsent(lineKey(r), k -> new ArrayList<>()).add(r);
        }
        return new ArrayList<>(lines.values());
    }

    /**
     * What makes two trials one experiment: the model name, protocol, budget and the effective
     * configuration apart from the run seed (so a changed stopping rule or task reading starts a
     * new line, while more trials under another run seed join the same one).
     */
    static String lineKey(TrialResult r) {
        return r.model() + '\u0000' + r.protocol() + '\u0000' + String.format(Locale.ROOT, "%020d", r.budget())
                + '\u0000' + configWithoutSeed(r);
    }

    private static String configWithoutSeed(TrialResult r) {
        if (r.provenance() == null || r.provenance().config() == null) {
            return "";
        }
        Map<String, Object> config = new TreeMap<>(r.provenance().config());
        config.remove("runSeed");
        return canonical(config).toString();
    }

    /** Nested maps with their keys sorted, so equal configurations print alike whatever their key order. */
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ModelLine::canonical).toList();
        }
        return value;
    }
}
