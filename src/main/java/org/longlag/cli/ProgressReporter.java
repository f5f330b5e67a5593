package org.longlag.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.longlag.experiment.ExperimentRunner;
import org.longlag.experiment.TrialPlan;
import org.longlag.report.TrialResult;

/**
 * Shows a run's progress: on a terminal, one bar over all planned training sequences with the
 * current training error of each running trial and the rate; always, one line per finished trial.
 */
final class ProgressReporter implements ExperimentRunner.Listener, AutoCloseable {
    private final PrintWriter err;
    private final boolean showBar;
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private ProgressBar bar;

    ProgressReporter(PrintWriter err, boolean showBar) {
        this.err = err;
        this.showBar = showBar;
    }

    @Override
    public void planned(int toRun, int skipped, long totalBudget) {
        synchronized (err) {
            err.printf(Locale.ROOT, "%d trial(s) to run, %d already recorded%n", toRun, skipped);
            err.flush();
        }
        if (showBar && toRun > 0) {
            bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(totalBudget)
                    .setUnit(" seq", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                    .build();
        }
    }

    @Override
    public void started(TrialPlan plan) {
        running.put(plan.label(), "");
    }

    @Override
    public void progress(TrialPlan plan, int sequences, double recentMse) {
        if (bar != null) {
            bar.stepBy(sequences);
            running.put(plan.label(), String.format(Locale.ROOT, "%s mse %.4f", plan.label(), recentMse));
            bar.setExtraMessage(String.join("  ", running.values()));
        }
    }

    @Override
    public void finished(TrialPlan plan, TrialResult result) {
        running.remove(plan.label());
        if (bar != null) {
            // A trial that succeeds early leaves the rest of its budget unused.
            bar.stepBy(result.budget() - result.sequencesSeen());
        }
        String line = String.format(Locale.ROOT,
                "%s: %s after %,d sequences, test wrong %d of %d, mse %.5f, %.1f s",
                plan.label(), result.success() ? "solved" : "not solved", result.sequencesSeen(),
                result.testWrong(), result.testSize(), result.testMse(), result.wallSeconds());
        if (bar == null) {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        } else {
            bar.setExtraMessage(line);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
