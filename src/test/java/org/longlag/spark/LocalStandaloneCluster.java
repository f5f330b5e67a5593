package org.longlag.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on the loopback address: a master and workers, each its own JVM
 * started from the Spark jars on the test class path, as {@code sbin/start-master.sh} and
 * {@code start-worker.sh} would start them from a Spark distribution.
 *
 * <p>A worker launches each executor through Spark's launcher, which insists on a Spark home with
 * a {@code jars/} directory and a Scala version. Here that home is an empty directory with an
 * empty {@code jars/}, the version comes from {@code SPARK_SCALA_VERSION}, and the executors find
 * every class, Spark's and the project's, on the driver's class path
 * ({@code spark.executor.extraClassPath}, which the run sets for a non-local master).
 */
final class LocalStandaloneCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final int masterPort;
    private final List<Process> daemons = new ArrayList<>();

    private LocalStandaloneCluster(Path dir, int masterPort) {
        this.dir = dir;
        this.masterPort = masterPort;
    }

    /**
     * Starts a master and {@code workers} workers of one core each under {@code dir} and waits
     * until the master accepts connections. Workers register on their own; a job waits for them.
     */
    static LocalStandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir, freePort());
        try {
            Files.createDirectories(dir.resolve("spark-home/jars"));
            Files.createDirectories(dir.resolve("scratch"));
            cluster.startDaemon("master", "org.apache.spark.deploy.master.Master", "--host", HOST,
                    "--port", String.valueOf(cluster.masterPort), "--webui-port", "0");
            cluster.awaitMaster();
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                cluster.startDaemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", HOST,
                        "--webui-port", "0", "--cores", "1", "--memory", "1g", "--work-dir", work.toString(),
                        cluster.url());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String url() {
        return "spark://" + HOST + ":" + masterPort;
    }

    /** Work directories of the executors the workers launched ({@code worker-N/app-ID/K}). */
    List<Path> executorDirs() throws IOException {
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getNameCount() == dir.getNameCount() + 3)
                    .filter(p -> p.getParent().getFileName().toString().startsWith("app-")).toList();
        }
    }

    /** What the daemons and the executors printed, for a failure message. */
    String logs() throws IOException {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") || f.endsWith("stderr")).toList()) {
                String text = Files.readString(file);
                logs.append("== ").append(dir.relativize(file)).append('\n')
                        .append(text, Math.max(0, text.length() - 4000), text.length()).append('\n');
            }
        }
        return logs.toString();
    }

    private void startDaemon(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "@" + Path.of("scripts", "spark-java.options").toAbsolutePath(), "-Xmx256m",
                "-Djava.io.tmpdir=" + dir.resolve("scratch"), "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", dir.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        // Everything binds to the loopback address, whatever the machine's name resolves to.
        env.put("SPARK_LOCAL_IP", HOST);
        // Scratch files of the daemons and of the executors they launch stay in the test's directory,
        // even those of an executor ended before it could clean up.
        env.put("SPARK_LOCAL_DIRS", dir.resolve("scratch").toString());
        daemons.add(builder.start());
    }

    private void awaitMaster() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, masterPort), 1000);
                return;
            } catch (IOException notYet) {
                if (!daemons.get(0).isAlive()) {
                    throw new IllegalStateException("the Spark master died:\n" + logs());
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Spark master did not listen within 60 s:\n" + logs());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the executors, the workers and the master, waiting for each to exit. */
    @Override
    public void close() throws InterruptedException {
        // Executors are the workers' children: end them first, so none outlives its worker.
        for (Process daemon : daemons) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        for (Process daemon : daemons) {
            daemon.destroy();
        }
        for (Process daemon : daemons) {
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
