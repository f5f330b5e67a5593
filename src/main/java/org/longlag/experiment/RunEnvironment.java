package org.longlag.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the code and the machine recorded with every result: git commit and dirty flag of
 * the project, Java, DL4J, OS and CPU. Read once per run.
 *
 * @param gitCommit the project's HEAD commit, or {@code unknown} outside a git work tree
 * @param gitDirty whether tracked or untracked files differ from that commit
 * @param javaVersion Java runtime version
 * @param dl4jVersion Deeplearning4j version the project was built against
 * @param os OS name, version and architecture
 * @param cpu CPU model name
 */
public record RunEnvironment(String gitCommit, boolean gitDirty, String javaVersion, String dl4jVersion, String os,
        String cpu) implements Serializable {

    /** Reads the environment; {@code projectHome} is the project's root directory. */
    public static RunEnvironment capture(Path projectHome) {
        String commit = git(projectHome, "rev-parse", "HEAD");
        String status = git(projectHome, "status", "--porcelain", "--untracked-files=normal", "--", ".",
                ":(exclude)results");
        return new RunEnvironment(
                commit == null ? "unknown" : commit.strip(),
                status == null || !status.isBlank(),
                System.getProperty("java.version"),
                readDl4jVersion(),
                readOs(),
                readCpuModel());
    }

    /**
     * The same code facts (commit, dirty flag, DL4J version) with this JVM's Java, OS and CPU: what
     * a trial run on another machine of a cluster records.
     */
    public RunEnvironment onThisMachine() {
        return new RunEnvironment(gitCommit, gitDirty, System.getProperty("java.version"), dl4jVersion, readOs(),
                readCpuModel());
    }

    private static String readOs() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /** Output of a git command in {@code dir}, or {@code null} if git fails. */
    private static String git(Path dir, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String readDl4jVersion() {
        Properties properties = new Properties();
        try (InputStream in = RunEnvironment.class.getResourceAsStream("/longlag.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("dl4j.version", "unknown");
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc unreadable: fall through to the JVM's coarse answer.
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
