package org.longlag.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.longlag.experiment.ExperimentRow;
import org.longlag.experiment.ExperimentRunner;
import org.longlag.experiment.TrialClaims;
import org.longlag.experiment.TrialPlan;
import org.longlag.report.TrialResult;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Runs a run's trials as one Spark job: one partition, and so one task, per trial, each task
 * holding one core. The driver (this JVM) plans the trials, skips recorded ones and claims the rest
 * with {@link ExperimentRunner}'s own steps; the job's result handler appends each trial's line
 * the moment its task finishes and releases its claim, so a killed job keeps every finished trial
 * and a rerun resumes.
 *
 * <p>Unlike a local run, which claims a trial when a thread starts it, the driver claims every
 * trial of the job before submitting it: a submitted task cannot be taken back, so a trial must be
 * this run's before it is handed to the cluster. Another run on the same directory sees those
 * trials as running elsewhere until they are recorded or the job dies.
 */
public final class SparkTrialRunner {
    private final ExperimentRunner runner;
    private final SparkConf conf;

    /**
     * @param runner plans, claims and records the trials (its store is the driver's result store)
     * @param master the Spark master URL, checked by {@link SparkMaster}
     * @param settings Spark settings given by the user, put over the defaults ({@link SparkSettings})
     * @param appName the job's name in Spark's logs and web pages
     */
    public SparkTrialRunner(ExperimentRunner runner, String master, Map<String, String> settings, String appName) {
        this.runner = runner;
        this.conf = SparkSettings.conf(master, settings, appName);
    }

    /**
     * Runs the trials {@code options} ask for on {@code rows} and not recorded yet. Spark is
     * started only if there is a trial to run.
     *
     * @throws InterruptedException if interrupted; the job is cancelled and finished trials are
     *     already recorded
     */
    public ExperimentRunner.Summary run(List<ExperimentRow> rows, ExperimentRunner.Options options,
            ExperimentRunner.Listener listener) throws InterruptedException {
        ExperimentRunner.Pending pending = runner.pending(rows, options, listener);
        List<ExperimentRunner.Fate> fates = Collections.synchronizedList(new ArrayList<>());
        List<TrialPlan> plans = new ArrayList<>();
        List<TrialClaims.Claim> claims = new ArrayList<>();
        try {
            for (TrialPlan plan : pending.toRun()) {
                ExperimentRunner.Claimed claimed = runner.claim(plan, options, listener);
                if (claimed.held()) {
                    plans.add(plan);
                    claims.add(claimed.claim());
                } else {
                    fates.add(claimed.fate());
                }
            }
            if (!plans.isEmpty()) {
                runJob(plans, claims, listener, fates);
            }
        } finally {
            // Trials of a failed or cancelled job: released unrecorded, for a rerun to take.
            claims.forEach(TrialClaims.Claim::close);
        }
        return ExperimentRunner.summary(pending, new ArrayList<>(fates));
    }

    /** Runs {@code plans} as one job, recording each result as its task delivers it. */
    private void runJob(List<TrialPlan> plans, List<TrialClaims.Claim> claims, ExperimentRunner.Listener listener,
            List<ExperimentRunner.Fate> fates) throws InterruptedException {
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            // As many slices as trials: ParallelCollectionRDD then puts exactly one plan in each.
            var trials = spark.parallelize(plans, plans.size()).rdd();
            TrialTask task = new TrialTask(runner.trainer(), spark.defaultParallelism());
            SimpleFutureAction<BoxedUnit> job = spark.sc().submitJob(trials, task, partitions(plans.size()),
                    (Object partition, TrialResult result) -> {
                        // Called on the driver as each task finishes, one at a time.
                        int index = (Integer) partition;
                        runner.record(result, claims.get(index));
                        listener.finished(plans.get(index), result);
                        fates.add(ExperimentRunner.Fate.RAN);
                        return BoxedUnit.UNIT;
                    }, () -> BoxedUnit.UNIT);
            await(job);
        }
    }

    /** Waits for {@code job}; cancels it if this thread is interrupted or the job fails. */
    private static void await(SimpleFutureAction<BoxedUnit> job) throws InterruptedException {
        try {
            job.get();
        } catch (Exception e) {
            // Scala code throws checked exceptions without declaring them, hence the broad catch.
            job.cancel();
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException("Spark job failed: " + e.getMessage(), e);
        }
    }

    /** Partition indices 0..n-1 as the Scala sequence {@code submitJob} takes. */
    private static Seq<Object> partitions(int n) {
        List<Object> indices = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        return CollectionConverters.asScala(indices).toList();
    }
}
