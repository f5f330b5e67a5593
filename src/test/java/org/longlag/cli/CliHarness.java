package org.longlag.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process and captures what it prints (public for other packages' tests). */
public final class CliHarness {
    public final int exitCode;
    public final String out;
    public final String err;

    private CliHarness(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code longlag --experiments <dir> args...}; {@code dir} null means the test catalog. */
    public static CliHarness run(Path experiments, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>();
        all.add("--experiments");
        all.add((experiments == null ? testCatalog() : experiments).toString());
        all.addAll(List.of(args));
        int code = LonglagCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new CliHarness(code, out.toString(), err.toString());
    }

    static Path testCatalog() {
        try {
            return Path.of(CliHarness.class.getResource("/experiments").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project's real catalog (tests run with the project root as working directory). */
    public static Path projectCatalog() {
        return Path.of("experiments").toAbsolutePath();
    }
}
