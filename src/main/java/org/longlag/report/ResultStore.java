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
import java.util.List;
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
 */
public final class ResultStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private final Path runs;

    /** A store rooted at the results directory {@code dir}. */
    public ResultStore(Path dir) {
        this.runs = dir.resolve("runs");
    }

    /** The file holding results of {@code experiment}. */
    public Path file(String experiment) {
        return runs.resolve(experiment + ".jsonl");
    }

    /** Appends one result as one line, durably. Safe to call from several threads. */
    public synchronized void append(TrialResult result) {
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

    /** Results of one experiment, in file order; unreadable lines are reported to {@code warnings}. */
    public List<TrialResult> read(String experiment, Consumer<String> warnings) {
        return readFile(file(experiment), warnings);
    }

    /** Every result in the store, files in name order; unreadable lines go to {@code warnings}. */
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
        List<TrialResult> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(readFile(file, warnings));
        }
        return all;
    }

    private static List<TrialResult> readFile(Path file, Consumer<String> warnings) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<TrialResult> results = new ArrayList<>();
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
                results.add(result);
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
