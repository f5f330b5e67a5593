package org.longlag.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The append-only store of trial results: {@code <dir>/runs/<experiment>.jsonl}, one JSON object
 * per line.
 *
 * <p>Each line is written whole with one write and forced to disk before {@link #append}
 * returns. If an earlier crash left a partial last line, the next append starts a new line first,
 * so a damaged fragment can never swallow a good result; readers skip such fragments with a
 * warning.
 *
 * <p>Several writers (threads, processes, machines sharing the directory) may append to one file;
 * runners claim each trial before running it, but should a trial be recorded twice anyway (two
 * runs of older code, a {@code --fresh} rerun, copied files), readers count it once: of the lines
 * with the same {@link TrialKey} they keep the first and warn about the others, so every report
 * computed from {@link #read} or {@link #readAll} pools each trial once.
 */
public final class ResultStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    /** Serializes appends of all stores in this JVM (see {@link #append}). */
    private static final Object APPEND_LOCK = new Object();

    private final Path dir;
    private final Path runs;

    /** A store rooted at the results directory {@code dir}. */
    public ResultStore(Path dir) {
        this.dir = dir;
        this.runs = dir.resolve("runs");
    }

    /** The results directory this store is rooted at. */
    public Path directory() {
        return dir;
    }

    /** The file holding results of {@code experiment}. */
    public Path file(String experiment) {
        return runs.resolve(experiment + ".jsonl");
    }

    /**
     * Appends one result as one line, durably. Safe to call from several threads, stores and
     * processes at once.
     */
    public void append(TrialResult result) {
        // OS file locks exclude other processes only; two stores of one JVM appending to the same
        // file at once would make the second lock() fail, so appends within a JVM take turns here.
        synchronized (APPEND_LOCK) {
            appendLocked(result);
        }
    }

    private void appendLocked(TrialResult result) {
        try {
            Files.createDirectories(runs);
            byte[] line = (JSON.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file(result.experiment()), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                // The lock keeps two runs appending to the same file from interleaving their lines.
                channel.position(channel.size());
                ByteBuffer buffer = ByteBuffer.wrap(line);
                if (channel.size() > 0 && !endsWithNewline(channel)) {
                    buffer = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
                }
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file(result.experiment()), e);
        }
    }

    private static boolean endsWithNewline(FileChannel channel) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, channel.size() - 1);
        return last.get(0) == '\n';
    }

    /**
     * Results of one experiment, in file order, each trial once; unreadable and duplicate lines are
     * reported to {@code warnings}.
     */
    public List<TrialResult> read(String experiment, Consumer<String> warnings) {
        return distinct(readFile(file(experiment), warnings), warnings);
    }

    /**
     * Every result in the store, files in name order, each trial once; unreadable and duplicate
     * lines go to {@code warnings}.
     */
    public List<TrialResult> readAll(Consumer<String> warnings) {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(runs)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
        List<Located> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(readFile(file, warnings));
        }
        return distinct(all, warnings);
    }

    /** A result and the file and line it was read from. */
    private record Located(TrialResult result, String where) {
    }

    /** The first line of each trial identity; the later ones are reported, not counted. */
    private static List<TrialResult> distinct(List<Located> lines, Consumer<String> warnings) {
        Map<TrialKey, String> first = new HashMap<>();
        List<TrialResult> results = new ArrayList<>(lines.size());
        for (Located line : lines) {
            TrialKey key = TrialKey.of(line.result());
            String earlier = first.putIfAbsent(key, line.where());
            if (earlier == null) {
                results.add(line.result());
            } else {
                warnings.accept(String.format("%s: duplicate of %s, recorded first at %s; counted once",
                        line.where(), key.describe(), earlier));
            }
        }
        return results;
    }

    private static List<Located> readFile(Path file, Consumer<String> warnings) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Located> results = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                TrialResult result = JSON.readValue(line, TrialResult.class);
                if (result.experiment() == null || result.model() == null || result.provenance() == null) {
                    throw new IllegalArgumentException("missing experiment, model or provenance");
                }
                results.add(new Located(result, file + ":" + (i + 1)));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                warnings.accept(String.format("%s:%d: skipped unreadable result line (%s)",
                        file, i + 1, firstLine(e.getMessage())));
            }
        }
        return results;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
