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
    private static final long STATUS_EVERY_NANOS = 60_000_000_000L;
    private final PrintWriter err;
    private final boolean showBar;
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private ProgressBar bar;
    private volatile long lastStatus = System.nanoTime();

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
        long total = seen.merge(plan.label(), (long) sequences, Long::sum);
        running.put(plan.label(), String.format(Locale.ROOT, "%s %,d seq mse %.4f", plan.label(), total, recentMse));
        if (bar != null) {
            bar.stepBy(sequences);
            bar.setExtraMessage(String.join("  ", running.values()));
        } else if (System.nanoTime() - lastStatus > STATUS_EVERY_NANOS) {
            // Without a terminal (background runs, logs), a status line now and then instead of a bar.
            lastStatus = System.nanoTime();
            synchronized (err) {
                err.println("status: " + String.join("  ", running.values()));
                err.flush();
            }
        }
    }

    @Override
    public void finished(TrialPlan plan, TrialResult result) {
        running.remove(plan.label());
        seen.remove(plan.label());
        if (bar != null) {
            // A trial that succeeds early leaves the rest of its budget unused.
            bar.stepBy(result.budget() - result.sequencesSeen());
        }
        String line = String.format(Locale.ROOT,
                "%s: %s after %,d sequences, test wrong %d of %d, mse %.5f, %.1f s",
                plan.label(), result.success() ? "solved" : "not solved", result.sequencesSeen(),
                result.testWrong(), result.testSize(), result.testMse(), result.wallSeconds());
        synchronized (err) {
            // On a terminal the bar redraws itself on the next line.
            err.println((bar == null ? "" : "\r") + line);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
