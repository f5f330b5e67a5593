package org.longlag.spark;

import java.io.Serializable;
import org.longlag.experiment.ExperimentRunner;
import org.longlag.experiment.TrialPlan;
import org.longlag.experiment.TrialTrainer;
import org.longlag.report.TrialResult;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What a Spark task does with its partition, which holds exactly one trial's plan: train the trial
 * on this executor and hand its result line back to the driver. Runs on the executor, so it must
 * be serializable and must not reach for the driver's files.
 */
final class TrialTask extends AbstractFunction1<Iterator<TrialPlan>, TrialResult> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TrialTrainer trainer;
    private final int parallel;

    /**
     * @param trainer the driver's trainer (its code version goes into provenance)
     * @param parallel trials the job runs at once, recorded in provenance
     */
    TrialTask(TrialTrainer trainer, int parallel) {
        this.trainer = trainer;
        this.parallel = parallel;
    }

    @Override
    public TrialResult apply(Iterator<TrialPlan> partition) {
        TrialPlan plan = partition.next();
        // As in a local run: each task holds one of the executor's cores, and ND4J's own threads
        // would compete with the other tasks for them.
        trainer.limitNativeThreads();
        return trainer.onThisMachine().run(plan, parallel, new ExperimentRunner.Listener() { });
    }
}
