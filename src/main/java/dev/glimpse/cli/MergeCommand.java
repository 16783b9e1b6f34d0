package dev.glimpse.cli;

import dev.glimpse.session.ProjectSession;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code glimpse merge TARGET.glimpse SOURCE.glimpse...}: other coders' projects into one (clips matched by checksum,
 * events keeping their coder, nothing duplicated when merged again; each source all or nothing).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge other coders' projects into TARGET: their clips (matched by checksum) and events, each keeping its coder.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "The project merged into (created when missing).")
    Path target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SOURCE", description = "Projects to merge in.")
    List<Path> sources;

    @Override
    public Integer call() throws Exception {
        try (ProjectSession session = ProjectSession.open(target)) {
            for (Path source : sources) {
                System.out.println(session.merge(source));
            }
        }
        return 0;
    }
}
