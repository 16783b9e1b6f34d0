package dev.glimpse.store;

import dev.glimpse.annotation.Event;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in its own JVM by {@link ProjectSafetyTest}: opens the project by the name given and adds an event to its
 * first clip. Exits 0 when it could, 4 when the project was refused as open elsewhere (the message on stdout).
 * With a second argument {@code hold} it keeps the project open, saying "open", until its standard input ends.
 */
public final class OpenAndAddEvent {
    public static void main(String[] args) throws Exception {
        try (Project p = Project.open(Path.of(args[0]))) {
            long clip = p.clips().all().get(0).id();
            p.events().add(new Event(0, clip, 50, 55, 60, "B", "surprise", null, List.of(), null, "second writer"));
            if (args.length > 1 && args[1].equals("hold")) {
                System.out.println("open");
                System.out.flush();
                System.in.readAllBytes();
            }
        } catch (StoreException e) {
            System.out.println(e.getMessage());
            System.exit(e.getMessage().contains("another Glimpse") ? 4 : 5);
        }
    }
}
