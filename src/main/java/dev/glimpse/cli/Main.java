package dev.glimpse.cli;

import dev.glimpse.analysis.DjlRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code glimpse} command: every entry point of the program. */
@Command(name = "glimpse",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Micro-expression annotation and ATM-GCN analysis.",
        subcommands = {GuiCommand.class, AnalyzeCommand.class, InfoCommand.class, FramesCommand.class, BenchCommand.class,
                BenchDecodeCommand.class,
                DatasetCommand.class, TrainCommand.class, EvaluateCommand.class, CompareCommand.class,
                ExportCommand.class, SynthCommand.class, WeightsInitCommand.class, AttachEvaluationCommand.class,
                SpotCommand.class, EvaluateSpottingCommand.class, ImportCommand.class, MergeCommand.class, AgreementCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        DjlRuntime.configure();
        System.exit(run(launcherArguments(args)));
    }

    /**
     * What the installed launchers and the desktop pass, made into a command line. {@code --cli} first
     * (the {@code glimpse-cli} launcher) means the command line only: alone, it prints the help instead
     * of opening the window. One existing path that is not a command (a file opened from the desktop)
     * opens the app on it: a {@code .glimpse} file as the project, anything else as the clip.
     */
    static String[] launcherArguments(String... args) {
        if (args.length > 0 && args[0].equals("--cli")) {
            return args.length == 1 ? new String[] {"--help"} : Arrays.copyOfRange(args, 1, args.length);
        }
        if (args.length == 1 && !args[0].startsWith("-")
                && !new CommandLine(new Main()).getSubcommands().containsKey(args[0])
                && Files.exists(Path.of(args[0]))) {
            return args[0].toLowerCase(Locale.ROOT).endsWith(".glimpse")
                    ? new String[] {"gui", "--project", args[0]}
                    : new String[] {"gui", args[0]};
        }
        return args;
    }

    /** Runs the command line and returns its exit code (0 fine, 2 bad input, 1 anything else). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserError || e instanceof IOException || e instanceof IllegalArgumentException
                    || e instanceof dev.glimpse.analysis.WeightsException) {
                commandLine.getErr().println("glimpse: " + e.getMessage());
                return 2;
            }
            String memory = outOfMemory(e);
            if (memory != null) {
                commandLine.getErr().println("glimpse: " + memory);
                return 1;
            }
            throw e;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) { // an Error passes picocli's handler
            cli.getErr().println("glimpse: " + outOfMemory(e));
            return 1;
        }
    }

    /**
     * A run out of memory, said in one line: the JVM's heap, JavaCPP's native budget (an OutOfMemoryError
     * with "physicalBytes") or libtorch's allocator (an EngineException saying it "can't allocate memory").
     * Null for any other failure.
     */
    static String outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof OutOfMemoryError || m.contains("can't allocate memory") || m.contains("out of memory")
                    || m.contains("not enough memory")) {
                String line = m.lines().filter(l -> !l.isBlank()).findFirst().orElse(t.getClass().getSimpleName());
                return "out of memory (" + (line.length() > 300 ? line.substring(0, 300) + "..." : line) + "); nothing"
                        + " more was written. Try a smaller preset or --batch, shorter clips, or a machine with more memory";
            }
        }
        return null;
    }

    /** With no command: the desktop app on the bundled sample clip. */
    @Override
    public void run() {
        int code = new GuiCommand().call();
        if (code != 0) {
            System.exit(code);
        }
    }

    /** A mistake in what the user asked for; its message is all they need to see. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"glimpse " + version()};
        }
    }

    static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/dev/glimpse/glimpse.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "unknown");
    }
}
