package org.longlag.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.longlag.model.ModelKind;
import org.longlag.model.ModelKinds;
import org.longlag.model.SequenceModel;
import org.longlag.report.ResultStore;
import org.longlag.report.TrialKey;
import org.longlag.report.TrialResult;
import org.longlag.task.SequenceTask;
import org.longlag.task.TrialData;
import org.longlag.train.StoppingRules;
import org.longlag.train.Trainer;

/**
 * Runs the trials of experiment rows: plans (row, model, trial, seed), skips trials already in the
 * store with the same configuration, runs the rest on {@code parallel} threads and appends each
 * result as soon as its trial finishes, so an interrupted run keeps every finished trial.
 *
 * <p>Several runs may share one results directory. Each trial is claimed ({@link TrialClaims})
 * just before it starts and released once its line is appended; a trial claimed by another live
 * run is left to that run, and a trial claimed here is run only if the store, read again after
 * claiming, does not hold it yet (another run may have finished it since this run planned).
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
    private enum Fate { RAN, RECORDED_MEANWHILE, RUNNING_ELSEWHERE }

    private final ResultStore store;
    private final TrialClaims claims;
    private final RunEnvironment environment;
    private final int threadsPerTrial;

    /**
     * @param store where results go
     * @param environment provenance facts recorded with each result
     * @param threadsPerTrial ND4J threads each trial may use (recorded in provenance)
     */
    public ExperimentRunner(ResultStore store, RunEnvironment environment, int threadsPerTrial) {
        this.store = store;
        this.claims = new TrialClaims(store.directory());
        this.environment = environment;
        this.threadsPerTrial = threadsPerTrial;
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
     * Runs what {@link #plan} gives, minus what is recorded already (unless {@code fresh}).
     *
     * @throws InterruptedException if interrupted; finished trials are already recorded
     */
    public Summary run(List<ExperimentRow> rows, Options options, Listener listener)
            throws InterruptedException, ExecutionException {
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
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.parallel()), runnable -> {
            Thread thread = new Thread(runnable, "trial");
            thread.setDaemon(true);
            return thread;
        });
        int ran = 0;
        int elsewhere = 0;
        try {
            List<Future<Fate>> futures = new ArrayList<>();
            for (TrialPlan plan : toRun) {
                futures.add(pool.submit(() -> claimAndRun(plan, options, listener)));
            }
            for (Future<Fate> future : futures) {
                switch (future.get()) {
                    case RAN -> ran++;
                    case RECORDED_MEANWHILE -> skipped++;
                    case RUNNING_ELSEWHERE -> elsewhere++;
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        return new Summary(ran, skipped, elsewhere);
    }

    /**
     * Runs {@code plan} under its claim: not at all if another run holds the claim, or if the store
     * holds the trial by the time the claim is ours (unless {@code fresh}). The claim is released
     * after the result line is appended, so whoever claims the trial next finds it recorded.
     */
    private Fate claimAndRun(TrialPlan plan, Options options, Listener listener) {
        Optional<TrialClaims.Claim> claim = claims.tryClaim(plan);
        if (claim.isEmpty()) {
            listener.notRun(plan, true);
            return Fate.RUNNING_ELSEWHERE;
        }
        try (TrialClaims.Claim held = claim.get()) {
            if (!options.fresh() && recorded(plan.row().id()).contains(key(plan))) {
                listener.notRun(plan, false);
                return Fate.RECORDED_MEANWHILE;
            }
            store.append(runTrial(plan, options.parallel(), listener));
            return Fate.RAN;
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

    /** Runs one trial to its result line. */
    TrialResult runTrial(TrialPlan plan, int parallel, Listener listener) {
        Instant start = Instant.now();
        listener.started(plan);
        SplittableRandom root = new SplittableRandom(plan.seed());
        SplittableRandom dataRandom = root.split();
        long weightSeed = root.split().nextLong();
        SequenceTask task = plan.row().task(plan.model());
        TrialData data = task.newTrial(dataRandom);
        ModelKind kind = ModelKinds.get(plan.model().kind());
        SequenceModel model = kind.create(plan.model().settings(), task.inputSize(), task.outputSize(), weightSeed);
        Trainer.Outcome outcome = Trainer.train(model, task, data, StoppingRules.create(plan.row().stopping()),
                plan.model().budget(), plan.testSize(),
                (sequences, mse) -> listener.progress(plan, sequences, mse));
        Instant end = Instant.now();
        TrialResult result = new TrialResult(
                plan.row().id(), plan.model().name(), plan.model().kind(), kind.protocol(plan.model().settings()),
                model.parameterCount(), plan.trial(), plan.seed(), outcome.success(), plan.model().budget(),
                outcome.sequencesSeen(), outcome.sequencesToSuccess(), outcome.milestones(),
                outcome.test().size(), outcome.test().wrong(), outcome.test().mse(), outcome.test().meanAbsError(),
                (end.toEpochMilli() - start.toEpochMilli()) / 1000.0,
                new TrialResult.Curve(outcome.curve().every(), outcome.curve().points(),
                        outcome.curve().diagnostics()),
                new TrialResult.Provenance(environment.gitCommit(), environment.gitDirty(), plan.configHash(),
                        plan.config(), environment.javaVersion(), environment.dl4jVersion(), environment.os(),
                        environment.cpu(), threadsPerTrial, parallel, start.toString(), end.toString()));
        listener.finished(plan, result);
        return result;
    }
}
