package org.longlag.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.longlag.cli.CliHarness;

/**
 * A family end to end on a real standalone cluster on this machine (a master and two one-core
 * workers, each its own JVM, and the executors they launch): the trials run in the executors, the
 * driver (this JVM) records them, and the lines are those of a local run of the same trials.
 */
class StandaloneClusterTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void aFamilyOnTwoWorkersRecordsTheLinesOfALocalRun() throws Exception {
        Path local = dir.resolve("local");
        Path cluster = dir.resolve("cluster");
        SparkLocalRunTest.run(SparkLocalRunTest.TRIALS, "--results", local.toString());
        try (LocalStandaloneCluster spark = LocalStandaloneCluster.start(dir.resolve("spark"), 2)) {
            List<String> args = new ArrayList<>(SparkLocalRunTest.TRIALS);
            args.addAll(List.of("--results", cluster.toString(), "--spark", spark.url(),
                    // The driver is this JVM: executors reach it on the loopback address.
                    "--spark-conf", "spark.driver.host=127.0.0.1", "--spark-conf", "spark.driver.bindAddress=127.0.0.1",
                    "--spark-conf", "spark.executor.memory=768m"));
            CliHarness run = CliHarness.run(CliHarness.projectCatalog(), args.toArray(String[]::new));
            assertEquals(0, run.exitCode, run.out + run.err + spark.logs());
            assertTrue(run.out.contains("4 trial(s) run, 0 already recorded"), run.out);
            Set<Path> workersUsed = spark.executorDirs().stream().map(p -> p.getParent().getParent())
                    .collect(Collectors.toSet());
            assertEquals(2, workersUsed.size(), "an executor on each worker: " + spark.executorDirs());
        }
        assertEquals(4, ResultLines.comparable(local).size());
        assertEquals(ResultLines.comparable(local), ResultLines.comparable(cluster));
    }
}
