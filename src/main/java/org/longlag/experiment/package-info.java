/**
 * Experiment definitions: the catalog of {@code experiments/*.yaml} (one file per family, one row
 * per line of a paper table) and the runner that turns rows into trials, seeds them, runs them in
 * parallel and resumes where a previous run stopped.
 */
package org.longlag.experiment;
