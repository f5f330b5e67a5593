package org.longlag.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claims on trials, so that two runs on one results directory (threads of one process, two
 * processes, machines sharing the directory) never run the same trial at once.
 *
 * <p>A claim is an exclusive OS lock ({@link FileChannel#tryLock}) on the trial's lock file
 * {@code DIR/claims/<row>/<model>-<configHash>-<trial>.lock}, held while the trial runs and
 * released once its result line is appended. The operating system drops the lock when its
 * process dies, however it dies, so a claim left by a killed run is simply taken over: there is no
 * timeout to tune and no stale claim to clean up. OS locks belong to a whole process, so within
 * one JVM a process-wide set of held lock files keeps two runners (or two threads) apart as well.
 *
 * <p>Lock files are left in place after release (deleting a file another process may be about
 * to lock would let two processes lock two different files of the same name). They are empty,
 * one per trial ever run, and an unlocked one means nothing; {@code DIR/claims/} may be deleted
 * whenever no run is using the directory.
 */
public final class TrialClaims {
    /** Lock files held by this JVM, by absolute path: OS locks do not exclude threads of one process. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;

    /** Claims under {@code resultsDir/claims}. */
    public TrialClaims(Path resultsDir) {
        this.dir = resultsDir.resolve("claims");
    }

    /** The lock file of {@code plan}'s trial. */
    public Path lockFile(TrialPlan plan) {
        return dir.resolve(safe(plan.row().id()))
                .resolve(safe(plan.model().name()) + '-' + plan.configHash() + '-' + plan.trial() + ".lock");
    }

    /**
     * Claims {@code plan}'s trial if no live holder (this process or another) has it.
     *
     * @return the claim, to be closed once the trial's result is recorded; empty if the trial is
     *     claimed elsewhere
     * @throws UncheckedIOException if the lock file cannot be created or locked at all
     */
    public Optional<Claim> tryClaim(TrialPlan plan) {
        Path file = lockFile(plan).toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new Claim(file, channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // Locked by this JVM under another spelling of the path: held, like any other holder.
        } catch (IOException e) {
            release(file, channel);
            throw new UncheckedIOException("cannot claim trial " + plan.label() + " with lock file " + file, e);
        }
        release(file, channel);
        return Optional.empty();
    }

    private static void release(Path file, FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing a channel we only tried to lock: nothing is held, nothing to report.
        } finally {
            HELD.remove(file);
        }
    }

    /** Row ids and model names as file-name parts: anything outside [A-Za-z0-9._-] becomes '_'. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A held claim; {@link #close} releases it. */
    public static final class Claim implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean closed;

        private Claim(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        /** The lock file held. */
        public Path file() {
            return file;
        }

        /** Releases the claim; closing twice does nothing. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                lock.release();
            } catch (IOException e) {
                // Closing the channel below releases the lock as well.
            } finally {
                release(file, channel);
            }
        }
    }
}
