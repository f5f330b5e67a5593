package org.longlag.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.longlag.experiment.CatalogException;
import org.longlag.experiment.ExperimentCatalog;
import org.longlag.experiment.UnknownExperimentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command: {@code longlag list | describe | run | tables | compare}.
 *
 * <p>Exit codes: 0 success, 2 bad input (unknown experiment, malformed experiment file, invalid
 * option), 1 a failure while running.
 */
@Command(name = "longlag", mixinStandardHelpOptions = true, version = "longlag 0.1",
        description = "The long-time-lag experiments of Hochreiter & Schmidhuber (1997) on Deeplearning4j.",
        subcommands = {ListCommand.class, DescribeCommand.class, RunCommand.class, TablesCommand.class,
            CompareCommand.class, BenchCommand.class})
public final class LonglagCommand implements Runnable {

    /** Exit code for bad input of any kind. */
    public static final int BAD_INPUT = 2;

    @Option(names = "--experiments", paramLabel = "DIR",
            description = "Directory of experiment files (default: experiments/ of the project).")
    Path experiments;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The project's root: {@code -Dlonglag.home}, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("longlag.home", ".")).toAbsolutePath().normalize();
    }

    /** The experiment catalog this invocation reads. */
    ExperimentCatalog catalog() {
        return ExperimentCatalog.load(experiments != null ? experiments : home().resolve("experiments"));
    }

    /** A command line with this project's exit-code mapping, printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LonglagCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((thrown, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            Throwable ex = thrown instanceof ExecutionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (ex instanceof CatalogException || ex instanceof UnknownExperimentException
                    || ex instanceof BadInputException) {
                e.println("error: " + ex.getMessage());
                e.flush();
                return BAD_INPUT;
            }
            e.println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName()));
            if (Boolean.getBoolean("longlag.debug")) {
                ex.printStackTrace(e);
            } else {
                e.println("(run with -Dlonglag.debug=true for the stack trace)");
            }
            e.flush();
            return 1;
        });
        return cli;
    }

    /** Entry point. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
