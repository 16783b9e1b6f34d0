package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.Proposal;
import dev.glimpse.dataset.synth.SyntheticSessions;
import dev.glimpse.session.ProjectSession;
import dev.glimpse.session.Spotting;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding micro-expressions from the window's view-models, without a window, on a generated session (synthetic)
 * in a project on disk: the run in the background, its proposals saved, accepted and rejected with undo, kept
 * when the project is reopened; a cancelled run saves nothing. The "UI thread" is a thread of the test's own.
 */
class SpottingViewModelTest {
    @TempDir
    Path dir;
    final ExecutorService ui = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        ui.shutdownNow();
    }

    <T> T onUi(Callable<T> c) throws Exception {
        return ui.submit(c).get(60, TimeUnit.SECONDS);
    }

    void await(BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!onUi(condition::getAsBoolean)) {
            assertTrue(System.nanoTime() < end, "waited 120 s");
            Thread.sleep(20);
        }
    }

    @Test
    void proposalsAreFoundSavedAcceptedRejectedUndoneAndKept() throws Exception {
        SyntheticSessions.Written w = SyntheticSessions.write(dir.resolve("sessions"), 1, 30, 30, 160, "mp4", 6).get(0);
        Path db = dir.resolve("study.glimpse");
        long clipId;
        try (ProjectSession session = ProjectSession.open(db)) {
            ProjectSession.OpenedClip clip = session.openClip(w.file());
            clipId = clip.clip().id();
            Spotting spotting = session.spotting(clip.clip(), w.file());
            AnnotationViewModel coding = new AnnotationViewModel(session.coding(clip.clip(), "tester"));
            coding.setProposalSource(spotting::proposals);
            try (SpottingViewModel vm = new SpottingViewModel(spotting, coding, ui)) {
                // a cancelled run saves nothing
                var cancelled = assertThrows(CancellationException.class, () -> spotting.run(0, 600, p -> { }, () -> true));
                assertTrue(cancelled.getMessage().contains("stopped"), cancelled.getMessage());
                assertTrue(session.project().proposals().of(clipId).isEmpty());

                onUi(() -> {
                    vm.find(0, clip.source().frameCount() - 1);
                    return null;
                });
                await(() -> !vm.runningProperty().get());
                String said = onUi(() -> vm.messageProperty().get());
                List<Proposal> open = onUi(() -> List.copyOf(coding.proposals()));
                assertFalse(open.isEmpty(), said);
                assertEquals(open, session.project().proposals().of(clipId), "saved as shown");
                assertNotNull(onUi(() -> vm.outcomeProperty().get().signal()));
                assertEquals(clip.source().frameCount(), onUi(() -> vm.outcomeProperty().get().signal().length));

                // P from the start: the first proposal by apex; Enter: an event with its frames
                Proposal first = open.stream().min(java.util.Comparator.comparingInt(Proposal::apex)).orElseThrow();
                assertEquals(first.apex(), onUi(() -> coding.stepProposal(-1, true)));
                onUi(() -> {
                    coding.acceptProposal();
                    return null;
                });
                var events = session.project().events().of(clipId);
                assertEquals(1, events.size());
                assertEquals(List.of(first.onset(), first.apex(), first.offset()),
                        List.of(events.get(0).onset(), events.get(0).apex(), events.get(0).offset()));
                Proposal accepted = session.project().proposals().of(clipId).stream().filter(p -> p.id() == first.id()).findFirst().orElseThrow();
                assertEquals(Proposal.ACCEPTED, accepted.status());
                assertEquals(events.get(0).id(), accepted.eventId());
                assertEquals(open.size() - 1, onUi(() -> coding.proposals().size()), "no longer open");

                onUi(() -> {
                    coding.undo();
                    return null;
                });
                assertTrue(session.project().events().of(clipId).isEmpty(), "undone: the event is gone");
                assertEquals(open.size(), onUi(() -> coding.proposals().size()), "and the proposal open again");
                onUi(() -> {
                    coding.redo();
                    return null;
                });
                long eventAgain = session.project().events().of(clipId).get(0).id();
                assertEquals(eventAgain, (long) session.project().proposals().of(clipId).stream()
                        .filter(p -> p.id() == first.id()).findFirst().orElseThrow().eventId(), "redone, naming the event anew");

                assertTrue(open.size() > 1, "the session has more than one proposal: " + open);
                // Delete on the next proposal rejects it, hidden but kept
                onUi(() -> coding.stepProposal(first.apex(), true));
                Proposal next = onUi(() -> coding.currentProposalProperty().get());
                onUi(() -> {
                    coding.rejectProposal();
                    return null;
                });
                assertEquals(1, onUi(coding::rejectedCount));
                assertTrue(onUi(() -> coding.proposals().stream().noneMatch(p -> p.id() == next.id())));
                assertNull(onUi(() -> coding.currentProposalProperty().get()));
                // asked for, the rejected one shows again, and may be accepted after all
                onUi(() -> {
                    coding.showRejectedProperty().set(true);
                    return null;
                });
                assertTrue(onUi(() -> coding.proposals().stream().anyMatch(p -> p.id() == next.id())));
                onUi(() -> {
                    coding.currentProposalProperty().set(coding.proposals().stream().filter(p -> p.id() == next.id())
                            .findFirst().orElseThrow());
                    coding.acceptProposal();
                    return null;
                });
                assertTrue(onUi(() -> coding.messageProperty().get()).contains("(rejected before) accepted"));
                assertEquals(2, session.project().events().of(clipId).size());
            }
        }
        // reopened: the decisions and the run's parameters are there
        try (ProjectSession session = ProjectSession.open(db)) {
            List<Proposal> kept = session.project().proposals().of(clipId);
            assertTrue(kept.stream().anyMatch(p -> Proposal.ACCEPTED.equals(p.status())));
            assertTrue(session.project().proposals().lastParameters(clipId).contains("\"sensitivity\":6"));
            var clip = session.project().clips().byId(clipId).orElseThrow();
            Spotting spotting = session.spotting(clip, w.file());
            AnnotationViewModel coding = new AnnotationViewModel(session.coding(clip, "tester"));
            try (SpottingViewModel vm = new SpottingViewModel(spotting, coding, ui)) {
                assertEquals(6.0, vm.sensitivity());
                // what a person types is checked: refused with the reason, the setting unchanged
                for (String bad : List.of("many", "0.5", "1e9", "NaN")) {
                    onUi(() -> {
                        vm.setSensitivity(bad);
                        return null;
                    });
                    assertTrue(onUi(() -> vm.messageProperty().get()).startsWith("sensitivity not changed"), bad);
                    assertEquals(6.0, vm.sensitivity());
                }
                onUi(() -> {
                    vm.setSensitivity(" 9 ");
                    vm.find(0, 299);
                    return null;
                });
                await(() -> !vm.runningProperty().get());
            }
        }
        // the next time the clip is opened, the spotter looks as it last did
        try (ProjectSession session = ProjectSession.open(db)) {
            var clip = session.project().clips().byId(clipId).orElseThrow();
            assertEquals(9.0, session.spotting(clip, w.file()).parameters().sensitivity());
            // and the last run's motion curve is kept with it, frame for frame (for reports)
            var signal = session.project().proposals().lastSignal(clipId);
            assertEquals(0, signal.first());
            assertEquals(300, signal.values().length);
        }
    }
}
