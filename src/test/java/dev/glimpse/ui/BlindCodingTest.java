package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.Event;
import dev.glimpse.session.Coding;
import dev.glimpse.session.ProjectSession;
import dev.glimpse.store.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two coders on one clip, through the view-model: blind by default, comparing on request, consensus, undo. */
class BlindCodingTest {

    @Test
    void aSecondCoderCodesBlindComparesAndMakesAConsensus(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two.glimpse");
        long clip;
        try (Project p = Project.open(file)) {
            clip = p.clips().add("/x.mp4", 1, "cc".repeat(32), 30, 100, 64, 64).id();
            AnnotationViewModel ann = new AnnotationViewModel(new Coding(p, clip, "ann"));
            assertFalse(ann.hidesOthers(), "one coder: nothing to hide");
            ann.markOnset(10);
            ann.markApex(14);
            ann.markOffset(20);
            ann.code("casme2-5", "happiness", null, "");

            AnnotationViewModel bob = new AnnotationViewModel(new Coding(p, clip, "bob"));
            assertTrue(bob.hidesOthers(), "a second coder codes blind");
            assertTrue(bob.events().isEmpty(), "ann's event is hidden from bob");
            bob.markOnset(11);
            bob.markApex(15);
            bob.markOffset(21);
            bob.code("casme2-5", "repression", null, "");
            assertEquals(1, bob.events().size());
            assertEquals(2, p.events().of(clip).size(), "both saved");

            bob.compare(true);
            assertEquals(2, bob.events().size(), "comparing shows ann's too");
            assertTrue(bob.messageProperty().get().contains("1 events of 1 other coders"), bob.messageProperty().get());
            Event annsEvent = bob.events().stream().filter(e -> e.coder().equals("ann")).findFirst().orElseThrow();
            Event bobsEvent = bob.events().stream().filter(e -> e.coder().equals("bob")).findFirst().orElseThrow();

            // bob may look at ann's event, not change it
            bob.select(annsEvent);
            bob.code("casme2-5", "fear", null, "");
            assertTrue(bob.messageProperty().get().contains("is ann's"), bob.messageProperty().get());
            bob.delete(annsEvent);
            assertEquals(2, p.events().of(clip).size());
            assertEquals("happiness", p.events().of(clip).get(0).label());

            assertEquals(annsEvent, bob.matchOf(bobsEvent));
            bob.consensus(annsEvent, bobsEvent, false, true); // bob's frames, ann's label
            List<Event> all = p.events().of(clip);
            assertEquals(3, all.size(), "the consensus beside both originals");
            Event consensus = all.stream().filter(e -> e.coder().equals(Coding.CONSENSUS)).findFirst().orElseThrow();
            assertEquals(11, consensus.onset());
            assertEquals(15, consensus.apex());
            assertEquals(21, consensus.offset());
            assertEquals("happiness", consensus.label());
            assertTrue(consensus.notes().contains("ann 10-14-20") && consensus.notes().contains("bob 11-15-21"),
                    consensus.notes());
            bob.undo();
            assertEquals(2, p.events().of(clip).size(), "the consensus undone, the originals kept");

            bob.compare(false);
            assertEquals(1, bob.events().size(), "blind again");
        }
        // a project that does not code blind shows everyone's
        try (ProjectSession s = ProjectSession.open(file)) {
            assertTrue(s.blind());
            s.setBlind(false);
        }
        try (Project p = Project.open(file)) {
            AnnotationViewModel bob = new AnnotationViewModel(new Coding(p, clip, "bob"));
            assertFalse(bob.hidesOthers());
            assertEquals(2, bob.events().size());
            assertNull(bob.matchOf(null));
            // and then anyone may correct anyone's event, as before coders existed
            bob.select(bob.events().get(0));
            bob.code("casme2-5", "fear", null, "");
            assertEquals("fear", p.events().of(clip).get(0).label());
        }
    }
}
