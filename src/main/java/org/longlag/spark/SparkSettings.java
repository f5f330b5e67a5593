package org.longlag.spark;

import java.util.Map;
import org.apache.spark.SparkConf;

/** The Spark configuration of a run's job: the project's defaults, then the user's settings. */
final class SparkSettings {

    private SparkSettings() {
    }

    /**
     * The configuration for {@code master}. It starts from Spark's own sources ({@code spark.*}
     * system properties, which is how spark-submit passes its options), adds the defaults below
     * where nothing set them, then puts {@code settings} over everything.
     */
    static SparkConf conf(String master, Map<String, String> settings, String appName) {
        SparkConf conf = new SparkConf().setMaster(master);
        conf.setIfMissing("spark.app.name", appName);
        // No web UI: a run reports its own progress, and the UI's port would clash between runs.
        conf.setIfMissing("spark.ui.enabled", "false");
        // One native thread per trial on executors too (the environment of the executor's JVM,
        // as scripts/longlag sets it for the driver): OpenMP threads spinning beside the other
        // tasks' trials slow every op down.
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
        if (SparkMaster.isLocal(master)) {
            // Everything runs in this JVM: no need to find this machine's name on the network.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        settings.forEach(conf::set);
        if (!SparkMaster.isLocal(master) && !conf.contains("spark.jars")
                && !conf.contains("spark.executor.extraClassPath")) {
            // Neither spark-submit nor the user said how executors get the code: they load it from
            // the driver's own class path, which must then exist at the same paths on every worker
            // (a shared disk, or the same checkout built the same way).
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        return conf;
    }
}
