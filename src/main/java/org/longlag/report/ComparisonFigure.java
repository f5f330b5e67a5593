package org.longlag.report;

import java.util.List;
import java.util.Locale;

/**
 * The figure of one row's comparison: the training error of the four paired models against
 * sequences seen, median over trials with the min–max shaded, on a logarithmic sequence axis
 * because the models' budgets and times to success differ by orders of magnitude.
 *
 * <p>Each model keeps its colour in every figure, LSTMs solid and RNNs dashed, so a pair reads at
 * a glance and the figure survives printing in grey. Where fewer than half of a model's trials are
 * still training the line turns faint: from there on it shows the stragglers, not the model.
 */
public final class ComparisonFigure {
    private ComparisonFigure() {
    }

    /** The file name of {@code row}'s figure inside the figures directory. */
    public static String fileName(String row) {
        return "compare-" + row + ".svg";
    }

    /** The SVG of {@code comparison}. */
    public static String svg(RowComparison comparison) {
        List<SvgChart.Series> series = comparison.pairs().stream()
                .flatMap(pair -> List.of(series(pair.spec(), pair.lstm(), false), series(pair.spec(), pair.rnn(), true))
                        .stream())
                .toList();
        String models = String.join(" · ", RowComparison.PAIRS.stream()
                .map(p -> p.lstm() + " vs " + p.rnn() + " (" + p.name() + ")").toList());
        SvgChart chart = new SvgChart(comparison.row().id() + ": training error, LSTM vs RNN", models
                + " — " + comparison.row().source(), "training sequences seen (log scale)",
                "training MSE per output", List.of(
                        "Line: median over the trials still training at that point; shade: their min–max.",
                        "Each point is the mean training MSE of the block of sequences that ends there.",
                        "A trial's curve ends where it stopped; the line turns faint where fewer than half of the "
                                + "trials still train."));
        return chart.render(series);
    }

    private static SvgChart.Series series(RowComparison.PairSpec pair, ModelSummary model, boolean rnn) {
        String color = Palette.model(model.model());
        if (!model.run()) {
            return new SvgChart.Series(model.model() + " (" + pair.name() + "): not run", color, rnn, List.of());
        }
        LearningCurve curve = LearningCurve.of(model.line().trials());
        String legend = String.format(Locale.ROOT, "%s (%s): %d of %d solved%s", model.model(), pair.name(),
                model.solved(), model.trials(), curve.points().isEmpty() ? ", no curve point" : "");
        List<SvgChart.Point> points = curve.points().stream().map(p -> new SvgChart.Point(p.sequences(), p.median(),
                p.min(), p.max(), 2 * p.training() < curve.trials())).toList();
        return new SvgChart.Series(legend, color, rnn, points);
    }
}
