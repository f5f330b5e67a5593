package org.longlag.experiment;

import java.io.Serializable;
import java.time.Instant;
import java.util.SplittableRandom;
import org.longlag.model.ModelKind;
import org.longlag.model.ModelKinds;
import org.longlag.model.SequenceModel;
import org.longlag.report.TrialResult;
import org.longlag.task.SequenceTask;
import org.longlag.task.TrialData;
import org.longlag.train.StoppingRules;
import org.longlag.train.Trainer;
import org.longlag.train.TrainingBudget;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one planned trial to its result line. It needs nothing but the plan, which carries the
 * row, the model and the effective configuration: no experiment files and no result store, so the
 * same code trains a trial in a thread of the runner and in a task on a cluster's executor.
 * Serializable for that reason.
 */
public final class TrialTrainer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RunEnvironment environment;
    private final int threadsPerTrial;

    /**
     * @param environment provenance facts recorded with each result
     * @param threadsPerTrial ND4J threads each trial may use (recorded in provenance)
     */
    public TrialTrainer(RunEnvironment environment, int threadsPerTrial) {
        this.environment = environment;
        this.threadsPerTrial = threadsPerTrial;
    }

    /**
     * Limits ND4J to {@code threads} native threads in this JVM. The paper's nets are far too small
     * for parallel ops, and OpenMP threads that spin while another trial holds the core slow every
     * op down many times over: trials run side by side instead, one thread each.
     */
    public static void limitNativeThreads(int threads) {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
    }

    /** {@link #limitNativeThreads} to this trainer's threads per trial, e.g. on an executor. */
    public void limitNativeThreads() {
        limitNativeThreads(threadsPerTrial);
    }

    /**
     * The same trainer recording this machine's Java, OS and CPU: a trial on an executor reports
     * the machine it ran on, and the driver's code version.
     */
    public TrialTrainer onThisMachine() {
        return new TrialTrainer(environment.onThisMachine(), threadsPerTrial);
    }

    /**
     * Trains and tests {@code plan}'s trial.
     *
     * @param parallel trials running at once (recorded in provenance)
     * @param listener told when the trial starts, progresses and finishes
     */
    public TrialResult run(TrialPlan plan, int parallel, ExperimentRunner.Listener listener) {
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
                TrainingBudget.of(plan.model().budget(), plan.model().budgetSeconds()), plan.testSize(),
                (sequences, mse) -> listener.progress(plan, sequences, mse));
        Instant end = Instant.now();
        TrialResult result = new TrialResult(
                plan.row().id(), plan.model().name(), plan.model().kind(), plan.model().protocol(),
                model.parameterCount(), plan.trial(), plan.seed(), outcome.success(), plan.model().budget(),
                outcome.sequencesSeen(), outcome.sequencesToSuccess(), outcome.milestones(),
                outcome.test().size(), outcome.test().wrong(), outcome.test().mse(), outcome.test().meanAbsError(),
                (end.toEpochMilli() - start.toEpochMilli()) / 1000.0,
                new TrialResult.Curve(outcome.curve().every(), outcome.curve().points(),
                        outcome.curve().diagnostics()),
                new TrialResult.Provenance(environment.gitCommit(), environment.gitDirty(), plan.configHash(),
                        plan.config(), environment.javaVersion(), environment.dl4jVersion(), environment.os(),
                        environment.cpu(), threadsPerTrial, parallel, start.toString(), end.toString()),
                outcome.stoppedBy().label());
        listener.finished(plan, result);
        return result;
    }
}
