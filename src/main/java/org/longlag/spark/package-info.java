/**
 * Trials on a Spark cluster ({@code run --spark MASTER}): one trial per task, each task carrying
 * its trial's plan, so executors need neither the experiment files nor the result store. The
 * driver plans, skips, claims and appends with the same code as a local run
 * ({@link org.longlag.experiment.ExperimentRunner}), so a killed job keeps every finished trial and
 * a rerun resumes. Spark is a provided dependency: only this package touches it, and nothing
 * outside it loads a Spark class unless {@code --spark} is given.
 */
package org.longlag.spark;
