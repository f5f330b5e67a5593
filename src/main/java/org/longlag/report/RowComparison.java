package org.longlag.report;

import java.util.List;
import java.util.Objects;

/**
 * LSTM beside RNN for one experiment row, from the recorded trials alone: DL4J's built-in pair
 * ({@code lstm} vs {@code rnn}) and the paper's pair ({@code lstm1997} vs its gradient baseline
 * {@code rnn1997}). The pairs are fixed rather than read from the row, so a row where a model was
 * never run still shows the gap. Every other model with trials, chiefly the paper's alternative
 * readings such as {@code lstm1997.per-step}, is listed after the pairs but never paired, because
 * it answers a different question (which reading of the paper is right) than LSTM vs RNN.
 *
 * @param row the row and its place in the paper
 * @param pairs the two pairs, built-in first
 * @param others models outside the pairs that have trials, by name
 */
public record RowComparison(PaperRow row, List<Pair> pairs, List<ModelSummary> others) {

    /** The pairs compared in every row: which LSTM goes with which RNN, and what they are. */
    public static final List<PairSpec> PAIRS = List.of(
            new PairSpec("built-in", "DL4J's built-in layers, minibatches", "lstm", "rnn"),
            new PairSpec("paper", "the paper's network and its gradient baseline, on-line", "lstm1997", "rnn1997"));

    public RowComparison {
        pairs = List.copyOf(pairs);
        others = List.copyOf(others);
    }

    /**
     * Which two models make a pair.
     *
     * @param name short name of the pair
     * @param description what the two models are
     * @param lstm the LSTM model's name
     * @param rnn the RNN model's name
     */
    public record PairSpec(String name, String description, String lstm, String rnn) {
    }

    /**
     * One pair's figures.
     *
     * @param spec which pair
     * @param lstm the LSTM's figures
     * @param rnn the RNN's figures
     */
    public record Pair(PairSpec spec, ModelSummary lstm, ModelSummary rnn) {
    }

    /** The comparison of {@code row} from {@code trials}; trials of other rows are ignored. */
    public static RowComparison of(PaperRow row, List<TrialResult> trials) {
        List<TrialResult> own = trials.stream().filter(r -> row.id().equals(r.experiment())).toList();
        List<Pair> pairs = PAIRS.stream().map(spec -> new Pair(spec, summary(row, spec.lstm(), own),
                summary(row, spec.rnn(), own))).toList();
        List<String> paired = PAIRS.stream().flatMap(p -> List.of(p.lstm(), p.rnn()).stream()).toList();
        List<ModelSummary> others = own.stream().map(TrialResult::model).filter(Objects::nonNull).distinct()
                .filter(m -> !paired.contains(m)).sorted().map(m -> summary(row, m, own)).toList();
        return new RowComparison(row, pairs, others);
    }

    /** The four paired models' figures in pair order: lstm, rnn, lstm1997, rnn1997. */
    public List<ModelSummary> pairedModels() {
        return pairs.stream().flatMap(p -> List.of(p.lstm(), p.rnn()).stream()).toList();
    }

    /** Whether any model of the row, paired or not, has a trial. */
    public boolean anyRun() {
        return !others.isEmpty() || pairedModels().stream().anyMatch(ModelSummary::run);
    }

    private static ModelSummary summary(PaperRow row, String model, List<TrialResult> trials) {
        return ModelSummary.of(ModelLine.of(model, trials, row.currentConfigs()));
    }
}
