package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.ActionUnits;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.clip.VideoFileSource;
import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.store.Project;
import dev.glimpse.testing.Barcode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Glimpse -> ELAN -> Glimpse on a variable-frame-rate video: every frame kept; and the files it refuses. */
class ElanCommandsTest {
    @TempDir
    Path dir;

    /** 40 frames at irregular times (20, 50 and 33 ms apart in turn): no nominal rate gives them back. */
    Path vfr() throws Exception {
        Path file = dir.resolve("vfr.mkv");
        long t = 0;
        try (VideoFileWriter w = VideoFileWriter.open(file, 128, 96, 1000, 10, VideoFileWriter.Kind.MKV)) {
            for (int n = 0; n < 40; n++) {
                w.write(Barcode.frame(n, 128, 96), t);
                t += n % 3 == 0 ? 20_000 : n % 3 == 1 ? 50_000 : 33_000;
            }
        }
        return file;
    }

    private List<Event> events(Path project) throws Exception {
        try (Project p = Project.openReadOnly(project)) {
            List<Event> all = new ArrayList<>();
            for (Clip c : p.clips().all()) {
                all.addAll(p.events().of(c.id()));
            }
            return all;
        }
    }

    @Test
    void eventsGoToElanAndComeBackToTheSameFrames() throws Exception {
        Path video = vfr();
        Path db = dir.resolve("coded.glimpse");
        try (Project p = Project.open(db)) {
            Clip clip = p.clips().add(video.toString(), Files.size(video), "cd".repeat(32), 30, 40, 128, 96);
            p.events().add(new Event(0, clip.id(), 2, 5, 9, "ann", "happiness", "casme2-5", ActionUnits.parse("AU6B+AU12C"),
                    null, "smiled, briefly"));
            p.events().add(new Event(0, clip.id(), 20, 21, 22, "ann", "surprise", "casme2-5", List.of(), null, ""));
            p.events().add(new Event(0, clip.id(), 3, 6, 10, "bob", null, null, List.of(), null, ""));
        }
        Path eaf = dir.resolve("coded.eaf");
        AnalyzeCommandTest.Run out = AnalyzeCommandTest.glimpse("export", "--project", db.toString(), "--eaf", eaf.toString());
        assertEquals(0, out.code(), out.err());

        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(eaf.toFile());
        Element root = d.getDocumentElement();
        assertEquals("ANNOTATION_DOCUMENT", root.getTagName());
        assertEquals("3.0", root.getAttribute("FORMAT"));
        Element media = (Element) root.getElementsByTagName("MEDIA_DESCRIPTOR").item(0);
        assertTrue(media.getAttribute("MEDIA_URL").endsWith("/vfr.mkv"), media.getAttribute("MEDIA_URL"));
        List<String> tiers = new ArrayList<>();
        NodeList ts = root.getElementsByTagName("TIER");
        for (int k = 0; k < ts.getLength(); k++) {
            tiers.add(((Element) ts.item(k)).getAttribute("TIER_ID"));
        }
        assertEquals(List.of("ann", "ann apex", "ann coding", "bob", "bob apex", "bob coding"), tiers);
        // the onset of ann's first event is frame 2's own time: 20 + 50 = 70 ms (a nominal 30 fps would say 67)
        List<Long> times = new ArrayList<>();
        NodeList slots = root.getElementsByTagName("TIME_SLOT");
        for (int k = 0; k < slots.getLength(); k++) {
            times.add(Long.parseLong(((Element) slots.item(k)).getAttribute("TIME_VALUE")));
        }
        try (VideoFileSource clip = VideoFileSource.open(video, null, 0)) {
            assertTrue(clip.variableFrameRate());
            assertTrue(times.contains(Math.round(clip.timestampSeconds(2) * 1000)), times.toString());
            assertEquals(70, Math.round(clip.timestampSeconds(2) * 1000));
        }

        Path back = dir.resolve("back.glimpse");
        AnalyzeCommandTest.Run in = AnalyzeCommandTest.glimpse("import", "--project", back.toString(), eaf.toString(),
                "--clip", video.toString());
        assertEquals(0, in.code(), in.err());
        List<Event> original = events(db);
        List<Event> read = events(back);
        assertEquals(original.size(), read.size());
        for (int i = 0; i < original.size(); i++) {
            Event a = original.get(i);
            Event b = read.get(i);
            assertEquals(List.of(a.onset(), a.apex(), a.offset()), List.of(b.onset(), b.apex(), b.offset()), "event " + i);
            assertEquals(a.coder(), b.coder());
            assertEquals(a.label(), b.label());
            assertEquals(a.scheme(), b.scheme());
            assertEquals(a.actionUnits(), b.actionUnits());
            assertEquals(a.notes(), b.notes());
        }
        // one tier, under another coder's name
        Path one = dir.resolve("one.glimpse");
        in = AnalyzeCommandTest.glimpse("import", "--project", one.toString(), eaf.toString(), "--clip", video.toString(),
                "--tier", "bob", "--annotator", "robert");
        assertEquals(0, in.code(), in.err());
        assertEquals(List.of("robert"), events(one).stream().map(Event::coder).toList());
    }

    @Test
    void overlapsAnotherMediaFileAndTimesBeyondTheClipAreRefusedOrSaid() throws Exception {
        Path video = vfr();
        String slots = "<TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"70\"/><TIME_SLOT TIME_SLOT_ID=\"ts2\""
                + " TIME_VALUE=\"300\"/><TIME_SLOT TIME_SLOT_ID=\"ts3\" TIME_VALUE=\"200\"/><TIME_SLOT TIME_SLOT_ID=\"ts4\""
                + " TIME_VALUE=\"400\"/><TIME_SLOT TIME_SLOT_ID=\"ts5\" TIME_VALUE=\"90000\"/><TIME_SLOT TIME_SLOT_ID=\"ts6\""
                + " TIME_VALUE=\"95000\"/></TIME_ORDER>";
        String overlap = eaf("vfr.mkv", slots, "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\""
                + " TIME_SLOT_REF2=\"ts2\"><ANNOTATION_VALUE>joy</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>"
                + "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a2\" TIME_SLOT_REF1=\"ts3\" TIME_SLOT_REF2=\"ts4\">"
                + "<ANNOTATION_VALUE>fear</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>");
        Path project = dir.resolve("p.glimpse");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("import", "--project", project.toString(),
                Files.writeString(dir.resolve("overlap.eaf"), overlap).toString(), "--clip", video.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("overlapping annotations"), run.err());
        assertTrue(!Files.exists(project), "nothing imported, no project left behind");

        String other = eaf("interview.mp4", slots, "");
        run = AnalyzeCommandTest.glimpse("import", "--project", project.toString(),
                Files.writeString(dir.resolve("other.eaf"), other).toString(), "--clip", video.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("annotates interview.mp4, not vfr.mkv"), run.err());

        String beyond = eaf("vfr.mkv", slots, "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\""
                + " TIME_SLOT_REF2=\"ts2\"><ANNOTATION_VALUE>joy</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>"
                + "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a2\" TIME_SLOT_REF1=\"ts5\" TIME_SLOT_REF2=\"ts6\">"
                + "<ANNOTATION_VALUE>fear</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>");
        run = AnalyzeCommandTest.glimpse("import", "--project", project.toString(),
                Files.writeString(dir.resolve("beyond.eaf"), beyond).toString(), "--clip", video.toString(), "--annotator", "x");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("beyond the clip's end"), run.err());
        List<Event> read = events(project);
        assertEquals(1, read.size());
        assertEquals(2, read.get(0).onset(), "70 ms is frame 2's own start");
    }

    private static String eaf(String media, String slots, String annotations) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"2026-12-01T00:00:00+00:00\""
                + " FORMAT=\"3.0\" VERSION=\"3.0\"><HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\"><MEDIA_DESCRIPTOR"
                + " MEDIA_URL=\"file:///data/" + media + "\" MIME_TYPE=\"video/mp4\"/></HEADER>" + slots
                + "<TIER TIER_ID=\"coder\" LINGUISTIC_TYPE_REF=\"default\">" + annotations + "</TIER>"
                + "<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID=\"default\" TIME_ALIGNABLE=\"true\"/></ANNOTATION_DOCUMENT>";
    }
}
