package org.longlag.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.longlag.report.ResultStore;
import org.longlag.report.TrialKey;
import org.longlag.report.TrialResult;

/**
 * Runs the trials of experiment rows: plans (row, model, trial, seed), skips trials already in the
 * store with the same configuration, runs the rest on {@code parallel} threads and appends each
 * result as soon as its trial finishes, so an interrupted run keeps every finished trial.
 *
 * <p>Several runs may share one results directory. Each trial is claimed ({@link TrialClaims})
 * just before it starts and released once its line is appended; a trial claimed by another live
 * run is left to that run, and a trial claimed here is run only if the store, read again after
 * claiming, does not hold it yet (another run may have finished it since this run planned).
 *
 * <p>The steps of a run ({@link #pending}, {@link #claim}, {@link #record}) are public so that
 * trials run elsewhere (on a Spark cluster, {@code org.longlag.spark}) are planned, skipped,
 * claimed and appended by the same code as trials run here.
 */
public final class ExperimentRunner {

    /**
     * What to run.
     *
     * @param models model names to run, or empty for every model of each row except readings
     * @param trials trials per (row, model), indices 0..trials-1; {@link #PAPER_TRIALS} for each
     *     row's own {@code paperTrials}
     * @param seed the run seed
     * @param maxSequences cap on every model's budget, or {@code null} for the file's budgets
     * @param testSize size of the final test set, or {@code null} for the row's
     * @param parallel trials run at once
     * @param fresh rerun trials even if already recorded
     */
    public record Options(List<String> models, int trials, long seed, Long maxSequences, Integer testSize,
            int parallel, boolean fresh) {

        /** Trial count that stands for "as many trials as the paper ran for the row". */
        public static final int PAPER_TRIALS = 0;

        /** Trials to run on {@code row}. */
        int trialsFor(ExperimentRow row) {
            return trials == PAPER_TRIALS ? row.paperTrials() : trials;
        }
    }

    /** Hears what the runner does; called from worker threads. */
    public interface Listener {
        default void planned(int toRun, int skipped, long totalBudget) {
        }

        default void started(TrialPlan plan) {
        }

        default void progress(TrialPlan plan, int sequences, double recentMse) {
        }

        default void finished(TrialPlan plan, TrialResult result) {
        }

        /**
         * A planned trial was not run after all: another run holds its claim ({@code elsewhere})
         * or recorded it after this run planned.
         */
        default void notRun(TrialPlan plan, boolean elsewhere) {
        }
    }

    /**
     * Totals of a run.
     *
     * @param ran trials run and recorded
     * @param skipped trials already recorded with the same configuration, when planned or when
     *     claimed
     * @param elsewhere trials left out because another live run (a thread, process or machine)
     *     held their claim
     */
    public record Summary(int ran, int skipped, int elsewhere) {

        /** One line for people, e.g. {@code 1 trial(s) run, 2 already recorded, 3 running elsewhere}. */
        public String describe() {
            return String.format(Locale.ROOT, "%d trial(s) run, %d already recorded", ran, skipped)
                    + (elsewhere > 0 ? String.format(Locale.ROOT, ", %d running elsewhere", elsewhere) : "");
        }
    }

    /** What became of one planned trial. */
    public enum Fate {
        /** Run here and recorded. */
        RAN,
        /** Recorded by another run after this run planned it. */
        RECORDED_MEANWHILE,
        /** Claimed by another live run. */
        RUNNING_ELSEWHERE
    }

    /**
     * The trials a run starts with.
     *
     * @param toRun planned trials not recorded yet (all of them with {@code fresh}), in plan order
     * @param skipped planned trials already recorded with the same configuration
     */
    public record Pending(List<TrialPlan> toRun, int skipped) {
    }

    /**
     * The outcome of claiming a planned trial.
     *
     * @param fate {@link Fate#RAN} when the trial is this run's to run, else why not
     * @param claim the held claim when the trial is this run's to run, else {@code null}
     */
    public record Claimed(Fate fate, TrialClaims.Claim claim) {

        /** Whether this run holds the trial and should run it. */
        public boolean held() {
            return claim != null;
        }
    }

    private final ResultStore store;
    private final TrialClaims claims;
    private final TrialTrainer trainer;

    /**
     * @param store where results go
     * @param environment provenance facts recorded with each result
     * @param threadsPerTrial ND4J threads each trial may use (recorded in provenance)
     */
    public ExperimentRunner(ResultStore store, RunEnvironment environment, int threadsPerTrial) {
        this.store = store;
        this.claims = new TrialClaims(store.directory());
        this.trainer = new TrialTrainer(environment, threadsPerTrial);
    }

    /** What trains this runner's trials; it travels to wherever a trial runs. */
    public TrialTrainer trainer() {
        return trainer;
    }

    /** The trials {@code options} ask for on {@code rows}, in row, model, trial order. */
    public static List<TrialPlan> plan(List<ExperimentRow> rows, Options options) {
        List<TrialPlan> plans = new ArrayList<>();
        for (ExperimentRow row : rows) {
            for (ModelEntry model : row.models()) {
                boolean chosen = options.models().isEmpty() ? !model.isReading()
                        : options.models().contains(model.name());
                if (!chosen) {
                    continue;
                }
                ModelEntry capped = options.maxSequences() == null ? model
                        : model.withBudget(Math.min(model.budget(), options.maxSequences()));
                for (int trial = 0; trial < options.trialsFor(row); trial++) {
                    int testSize = options.testSize() == null ? row.testSize() : options.testSize();
                    plans.add(TrialPlan.of(row, capped, trial, testSize, options.seed()));
                }
            }
        }
        return plans;
    }

    /**
     * What {@link #plan} gives, minus what is recorded already (unless {@code fresh}); tells
     * {@code listener} how many trials are to run.
     */
    public Pending pending(List<ExperimentRow> rows, Options options, Listener listener) {
        List<TrialPlan> toRun = new ArrayList<>();
        int skipped = 0;
        Set<TrialKey> recorded = new HashSet<>();
        for (ExperimentRow row : rows) {
            recorded.addAll(recorded(row.id()));
        }
        for (TrialPlan plan : plan(rows, options)) {
            if (!options.fresh() && recorded.contains(key(plan))) {
                skipped++;
            } else {
                toRun.add(plan);
            }
        }
        listener.planned(toRun.size(), skipped, toRun.stream().mapToLong(p -> p.model().budget()).sum());
        return new Pending(toRun, skipped);
    }

    /**
     * Runs the pending trials on {@code parallel} threads of this JVM, each claimed just before it
     * starts, so that other runs on the same directory can take the trials this run has not
     * reached yet.
     *
     * @throws InterruptedException if interrupted; finished trials are already recorded
     */
    public Summary run(List<ExperimentRow> rows, Options options, Listener listener)
            throws InterruptedException, ExecutionException {
        Pending pending = pending(rows, options, listener);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.parallel()), runnable -> {
            Thread thread = new Thread(runnable, "trial");
            thread.setDaemon(true);
            return thread;
        });
        List<Fate> fates = new ArrayList<>();
        try {
            List<Future<Fate>> futures = new ArrayList<>();
            for (TrialPlan plan : pending.toRun()) {
                futures.add(pool.submit(() -> claimAndRun(plan, options, listener)));
            }
            for (Future<Fate> future : futures) {
                fates.add(future.get());
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        return summary(pending, fates);
    }

    /** Totals of a run that started with {@code pending} and came to {@code fates}. */
    public static Summary summary(Pending pending, List<Fate> fates) {
        int ran = 0;
        int skipped = pending.skipped();
        int elsewhere = 0;
        for (Fate fate : fates) {
            switch (fate) {
                case RAN -> ran++;
                case RECORDED_MEANWHILE -> skipped++;
                case RUNNING_ELSEWHERE -> elsewhere++;
            }
        }
        return new Summary(ran, skipped, elsewhere);
    }

    /** Runs {@code plan} under its claim, if it is this run's to run (see {@link #claim}). */
    private Fate claimAndRun(TrialPlan plan, Options options, Listener listener) {
        Claimed claimed = claim(plan, options, listener);
        if (!claimed.held()) {
            return claimed.fate();
        }
        record(trainer.run(plan, options.parallel(), listener), claimed.claim());
        return Fate.RAN;
    }

    /**
     * Claims {@code plan}'s trial for this run. It is not this run's to run if another run holds
     * the claim, or if the store holds the trial by the time the claim is ours (unless
     * {@code fresh}); then {@code listener} hears why and no claim is kept.
     */
    public Claimed claim(TrialPlan plan, Options options, Listener listener) {
        Optional<TrialClaims.Claim> claim = claims.tryClaim(plan);
        if (claim.isEmpty()) {
            listener.notRun(plan, true);
            return new Claimed(Fate.RUNNING_ELSEWHERE, null);
        }
        if (!options.fresh() && recorded(plan.row().id()).contains(key(plan))) {
            claim.get().close();
            listener.notRun(plan, false);
            return new Claimed(Fate.RECORDED_MEANWHILE, null);
        }
        return new Claimed(Fate.RAN, claim.get());
    }

    /**
     * Appends {@code result}, then releases its trial's {@code claim}: whoever claims the trial
     * next finds it recorded. The claim is released even if the append fails.
     */
    public void record(TrialResult result, TrialClaims.Claim claim) {
        try (claim) {
            store.append(result);
        }
    }

    /** Identities of the trials the store holds for {@code row}. */
    private Set<TrialKey> recorded(String row) {
        Set<TrialKey> keys = new HashSet<>();
        for (TrialResult r : store.read(row, warning -> { })) {
            keys.add(TrialKey.of(r));
        }
        return keys;
    }

    /** Identity of a planned trial, as {@link TrialKey#of} gives it for its result line. */
    private static TrialKey key(TrialPlan plan) {
        return new TrialKey(plan.row().id(), plan.model().name(), plan.configHash(), plan.runSeed(), plan.trial());
    }
}
