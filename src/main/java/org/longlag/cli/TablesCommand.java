package org.longlag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.longlag.experiment.ExperimentRow;
import org.longlag.experiment.TrialPlan;
import org.longlag.experiment.ModelEntry;
import org.longlag.report.Figures;
import org.longlag.report.PaperRow;
import org.longlag.report.ResultStore;
import org.longlag.report.TablesRenderer;
import org.longlag.report.TrialResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code longlag tables}: regenerates {@code TABLES.md} and the figures it shows
 * ({@code figures/*.svg}) from the result store. Figures of families that no longer have results
 * are removed, so the directory holds exactly what {@code TABLES.md} links (and {@code compare}'s
 * figures, which are left alone).
 */
@Command(name = "tables", description = "Regenerate DIR/TABLES.md and its figures DIR/figures/*.svg from "
        + "DIR/runs/*.jsonl.")
final class TablesCommand implements Callable<Integer> {

    @ParentCommand
    LonglagCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() throws Exception {
        Path dir = results.isAbsolute() ? results : LonglagCommand.home().resolve(results);
        if (!Files.isDirectory(dir.resolve("runs"))) {
            // Nothing to tabulate: say so rather than create DIR and an empty TABLES.md.
            throw new BadInputException("--results: " + results + " has no runs/ directory of results (" + dir
                    + "); scripts/longlag run writes them");
        }
        PrintWriter err = spec.commandLine().getErr();
        // The store counts each trial once (warning about duplicate lines), as compare does.
        List<TrialResult> all = new ResultStore(dir).readAll(warning -> err.println("warning: " + warning));
        List<PaperRow> rows = root.catalog().rows().stream()
                .map(row -> paperRow(row, all.stream().filter(r -> r.experiment().equals(row.id())).toList()))
                .toList();
        TablesRenderer.Rendered rendered = TablesRenderer.renderWithFigures(rows, all);
        Path figures = dir.resolve(Figures.DIRECTORY);
        if (!rendered.figures().isEmpty()) {
            Files.createDirectories(figures);
        }
        for (Map.Entry<String, String> figure : rendered.figures().entrySet()) {
            writeIfChanged(figures.resolve(figure.getKey()), figure.getValue());
        }
        if (Files.isDirectory(figures)) {
            try (Stream<Path> listing = Files.list(figures)) {
                for (Path stale : listing.filter(p -> Figures.isTablesFigure(p.getFileName().toString())
                        && !rendered.figures().containsKey(p.getFileName().toString())).sorted().toList()) {
                    Files.delete(stale);
                }
            }
        }
        Path tables = dir.resolve("TABLES.md");
        writeIfChanged(tables, rendered.markdown());
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + tables + " and " + rendered.figures().size() + " figure(s) in " + figures + " from "
                + all.size() + " trial result(s)");
        out.flush();
        err.flush();
        return 0;
    }

    /** Writes {@code text}, leaving the file (and its time stamp) alone when it already holds it. */
    private static void writeIfChanged(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes);
    }

    /** The report's view of {@code row}, knowing which of its recorded trials the files still describe. */
    static PaperRow paperRow(ExperimentRow row, List<TrialResult> rowTrials) {
        return new PaperRow(row.id(), row.family(), row.paperTable(), row.title(), row.paperTrials(),
                row.modelNames(), row.paper(), row.taskParams(), currentConfigs(row, rowTrials), row.judgedModel(),
                row.study());
    }

    /**
     * Configuration hashes of the trials whose configuration the row's file gives today: each trial
     * is planned again with its own index, test size and run seed, and kept when the hashes agree.
     */
    static Set<String> currentConfigs(ExperimentRow row, List<TrialResult> rowTrials) {
        Set<String> current = new HashSet<>();
        for (TrialResult r : rowTrials) {
            ModelEntry model = row.model(r.model());
            Object runSeed = r.provenance() == null || r.provenance().config() == null ? null
                    : r.provenance().config().get("runSeed");
            if (model == null || !(runSeed instanceof Number seed)) {
                continue;
            }
            TrialPlan plan = TrialPlan.of(row, model, r.trial(), r.testSize(), seed.longValue());
            if (plan.configHash().equals(r.provenance().configHash())) {
                current.add(plan.configHash());
            }
        }
        return current;
    }
}
