package dev.glimpse.elan;

import dev.glimpse.annotation.ActionUnits;
import dev.glimpse.annotation.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A clip's events as an ELAN annotation document (EAF 3.0) and back. Each coder is a tier whose annotations span
 * their events from the onset frame's start to the offset frame's end, valued with the label; two child tiers per
 * coder hold the apex (an annotation over the apex frame, "Included_In" its event) and the action units and notes
 * (symbolic associations). Time slots are milliseconds from the clip's own frame timestamps, so a variable-frame-rate
 * video stays exact, and reading converts them back through the same timestamps, never by a nominal rate.
 */
public final class Eaf {
    static final String APEX = " apex";
    static final String CODING = " coding";

    private Eaf() {}

    /**
     * The clip's frame times: frame index i starts at {@code startMillis[i]} (the last frame ends at {@code endMillis}),
     * and has the clip's own number {@code numbers[i]}.
     */
    public record Timing(String mediaFile, String mimeType, long[] startMillis, long endMillis, int[] numbers) {
        int index(int number) {
            for (int i = 0; i < numbers.length; i++) {
                if (numbers[i] == number) {
                    return i;
                }
            }
            throw new IllegalArgumentException("the clip has no frame " + number);
        }

        long end(int index) {
            return index + 1 < startMillis.length ? startMillis[index + 1] : endMillis;
        }

        /** The frame showing at {@code millis}: the last whose start is at or before it (a boundary rounds to it). */
        int frameAt(long millis) {
            int lo = 0;
            int hi = startMillis.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (startMillis[mid] <= millis) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }

    /** Writes the events (any coders') of one clip; returns how many. */
    public static int write(List<Event> events, Timing timing, Path out) throws IOException {
        Document d = builder().newDocument();
        Element root = d.createElement("ANNOTATION_DOCUMENT");
        d.appendChild(root);
        root.setAttribute("AUTHOR", "Glimpse");
        root.setAttribute("DATE", OffsetDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        root.setAttribute("FORMAT", "3.0");
        root.setAttribute("VERSION", "3.0");
        root.setAttribute("xmlns:xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
        root.setAttribute("xsi:noNamespaceSchemaLocation", "http://www.mpi.nl/tools/elan/EAFv3.0.xsd");
        Element header = child(d, root, "HEADER");
        header.setAttribute("MEDIA_FILE", "");
        header.setAttribute("TIME_UNITS", "milliseconds");
        Element media = child(d, header, "MEDIA_DESCRIPTOR");
        media.setAttribute("MEDIA_URL", Path.of(timing.mediaFile()).toAbsolutePath().toUri().toString());
        media.setAttribute("MIME_TYPE", timing.mimeType());
        media.setAttribute("RELATIVE_MEDIA_URL", "./" + Path.of(timing.mediaFile()).getFileName());
        Element last = child(d, header, "PROPERTY");
        last.setAttribute("NAME", "lastUsedAnnotationId");
        Element order = child(d, root, "TIME_ORDER");
        Map<String, List<Event>> byCoder = new TreeMap<>();
        for (Event e : events) {
            byCoder.computeIfAbsent(e.coder() == null ? "unnamed" : e.coder(), k -> new ArrayList<>()).add(e);
        }
        Map<Long, String> slots = new TreeMap<>();
        for (Event e : events) {
            int on = timing.index(e.onset());
            int apex = timing.index(e.apex());
            int off = timing.index(e.offset());
            for (long t : new long[] {timing.startMillis()[on], timing.end(off), timing.startMillis()[apex], timing.end(apex)}) {
                slots.putIfAbsent(t, null);
            }
        }
        int n = 0;
        for (Map.Entry<Long, String> s : slots.entrySet()) {
            s.setValue("ts" + (++n));
            Element slot = child(d, order, "TIME_SLOT");
            slot.setAttribute("TIME_SLOT_ID", s.getValue());
            slot.setAttribute("TIME_VALUE", Long.toString(s.getKey()));
        }
        int id = 0;
        for (Map.Entry<String, List<Event>> coder : byCoder.entrySet()) {
            Element tier = tier(d, root, coder.getKey(), "event", null, coder.getKey());
            Element apexTier = tier(d, root, coder.getKey() + APEX, "apex", coder.getKey(), coder.getKey());
            Element codingTier = tier(d, root, coder.getKey() + CODING, "coding", coder.getKey(), coder.getKey());
            for (Event e : coder.getValue()) {
                int on = timing.index(e.onset());
                int apex = timing.index(e.apex());
                int off = timing.index(e.offset());
                String eventId = "a" + (++id);
                aligned(d, tier, eventId, slots.get(timing.startMillis()[on]), slots.get(timing.end(off)),
                        e.label() == null ? "" : e.label());
                aligned(d, apexTier, "a" + (++id), slots.get(timing.startMillis()[apex]), slots.get(timing.end(apex)),
                        "apex");
                Element ref = child(d, child(d, codingTier, "ANNOTATION"), "REF_ANNOTATION");
                ref.setAttribute("ANNOTATION_ID", "a" + (++id));
                ref.setAttribute("ANNOTATION_REF", eventId);
                child(d, ref, "ANNOTATION_VALUE").setTextContent(coding(e));
            }
        }
        last.setTextContent(Integer.toString(id));
        type(d, root, "event", null, true);
        type(d, root, "apex", "Included_In", true);
        type(d, root, "coding", "Symbolic_Association", false);
        constraint(d, root, "Included_In", "Time alignable annotations within the parent annotation's time interval, gaps"
                + " are allowed");
        constraint(d, root, "Symbolic_Association", "1-1 association with a parent annotation");
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(d), new StreamResult(o));
        } catch (TransformerException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(out + ": not written (" + e.getMessage() + ")", e);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return events.size();
    }

    /** The events of an EAF: what was read, and the annotations left out with why. */
    public record Read(List<Event> events, List<String> skipped, List<String> tiers) {}

    /**
     * Reads the events of the top-level tiers named in {@code tiers} (all top-level tiers when empty), each event coded
     * by {@code annotator} when given, else by its tier's name; apex and coding from the child tiers Glimpse writes,
     * else the middle frame and nothing. Refused whole: a file that is not EAF, whose media is another file than the
     * clip, a tier asked for that it lacks, annotations overlapping on one tier. An annotation beyond the clip's end is
     * skipped and said.
     */
    public static Read read(Path file, Timing timing, List<String> tiers, String annotator) throws IOException {
        Document d;
        try {
            d = builder().parse(file.toFile());
        } catch (SAXException e) {
            throw new IOException(file + ": is not an ELAN file (" + e.getMessage() + ")", e);
        }
        Element root = d.getDocumentElement();
        if (!"ANNOTATION_DOCUMENT".equals(root.getTagName())) {
            throw new IOException(file + ": is XML, but not an ELAN annotation document");
        }
        String clipName = Path.of(timing.mediaFile()).getFileName().toString();
        NodeList media = root.getElementsByTagName("MEDIA_DESCRIPTOR");
        for (int k = 0; k < media.getLength(); k++) {
            String url = ((Element) media.item(k)).getAttribute("MEDIA_URL");
            String name = url.substring(url.replace('\\', '/').lastIndexOf('/') + 1);
            if (k == 0 && !name.isEmpty() && !name.equalsIgnoreCase(clipName)) {
                throw new IOException(file + ": annotates " + name + ", not " + clipName + "; nothing was imported");
            }
        }
        Map<String, Long> slots = new LinkedHashMap<>();
        NodeList ts = root.getElementsByTagName("TIME_SLOT");
        for (int k = 0; k < ts.getLength(); k++) {
            Element s = (Element) ts.item(k);
            if (!s.getAttribute("TIME_VALUE").isEmpty()) {
                slots.put(s.getAttribute("TIME_SLOT_ID"), Long.parseLong(s.getAttribute("TIME_VALUE")));
            }
        }
        Map<String, Element> tierByName = new LinkedHashMap<>();
        NodeList all = root.getElementsByTagName("TIER");
        for (int k = 0; k < all.getLength(); k++) {
            Element t = (Element) all.item(k);
            tierByName.put(t.getAttribute("TIER_ID"), t);
        }
        List<String> wanted = new ArrayList<>();
        for (Map.Entry<String, Element> t : tierByName.entrySet()) {
            if (t.getValue().getAttribute("PARENT_REF").isEmpty() && (tiers.isEmpty() || tiers.contains(t.getKey()))) {
                wanted.add(t.getKey());
            }
        }
        for (String asked : tiers) {
            if (!tierByName.containsKey(asked)) {
                throw new IOException(file + ": has no tier '" + asked + "' (its tiers: " + String.join(", ", tierByName.keySet()) + ")");
            }
        }
        List<Event> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : wanted) {
            Map<String, long[]> spans = aligned(tierByName.get(name), slots);
            List<long[]> sorted = new ArrayList<>(spans.values());
            sorted.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int k = 1; k < sorted.size(); k++) {
                if (sorted.get(k)[0] < sorted.get(k - 1)[1]) {
                    throw new IOException(file + ": tier '" + name + "' has overlapping annotations (at " + sorted.get(k)[0]
                            + " ms); nothing was imported");
                }
            }
            Map<String, long[]> apexes = tierByName.containsKey(name + APEX) ? aligned(tierByName.get(name + APEX), slots) : Map.of();
            Map<String, String> codings = tierByName.containsKey(name + CODING) ? references(tierByName.get(name + CODING)) : Map.of();
            Map<String, String> values = values(tierByName.get(name));
            for (Map.Entry<String, long[]> a : spans.entrySet()) {
                long[] span = a.getValue();
                if (span[1] > timing.endMillis() + 1) {
                    skipped.add("tier '" + name + "', " + span[0] + "-" + span[1] + " ms: beyond the clip's end ("
                            + timing.endMillis() + " ms)");
                    continue;
                }
                int on = timing.frameAt(span[0]);
                int off = Math.max(on, timing.frameAt(span[1] - 1)); // the end is the next frame's start
                int apex = -1;
                for (long[] p : apexes.values()) {
                    if (p[0] >= span[0] && p[0] < span[1]) {
                        apex = timing.frameAt(p[0]);
                    }
                }
                if (apex < 0) {
                    apex = (on + off + 1) / 2; // another program's tier: no apex was coded
                }
                String label = values.get(a.getKey());
                String coder = annotator == null ? name : annotator;
                if (coder.length() > 200 || (label != null && label.length() > 200)) {
                    skipped.add("tier '" + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "', " + span[0]
                            + "-" + span[1] + " ms: a coder or label of more than 200 characters");
                    continue;
                }
                String[] coding = decode(codings.get(a.getKey()));
                try {
                    events.add(new Event(0, 0, timing.numbers()[on], timing.numbers()[Math.max(on, Math.min(Math.max(apex, on + 1), off))],
                            timing.numbers()[off], coder,
                            label == null || label.isBlank() ? null : label.trim(), coding[0],
                            ActionUnits.parse(coding[1]), null, coding[2]));
                } catch (IllegalArgumentException e) {
                    skipped.add("tier '" + name + "', " + span[0] + "-" + span[1] + " ms: " + e.getMessage());
                }
            }
        }
        return new Read(events, skipped, wanted);
    }

    /** "scheme | action units | notes": what the coding tier's value holds. */
    static String coding(Event e) {
        return (e.scheme() == null ? "" : e.scheme()) + " | " + ActionUnits.formatSheet(e.actionUnits()) + " | "
                + e.notes().replace('|', '/');
    }

    private static String[] decode(String value) {
        if (value == null) {
            return new String[] {null, "", ""};
        }
        String[] p = value.split("\\|", 3);
        return new String[] {p[0].isBlank() ? null : p[0].trim(), p.length > 1 ? p[1].trim() : "", p.length > 2 ? p[2].trim() : ""};
    }

    private static Map<String, long[]> aligned(Element tier, Map<String, Long> slots) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        NodeList as = tier.getElementsByTagName("ALIGNABLE_ANNOTATION");
        for (int k = 0; k < as.getLength(); k++) {
            Element a = (Element) as.item(k);
            Long t1 = slots.get(a.getAttribute("TIME_SLOT_REF1"));
            Long t2 = slots.get(a.getAttribute("TIME_SLOT_REF2"));
            if (t1 == null || t2 == null || t2 <= t1) {
                throw new IOException("tier '" + tier.getAttribute("TIER_ID") + "': annotation " + a.getAttribute("ANNOTATION_ID")
                        + " has no time or an end before its start");
            }
            out.put(a.getAttribute("ANNOTATION_ID"), new long[] {t1, t2});
        }
        return out;
    }

    private static Map<String, String> values(Element tier) {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList as = tier.getElementsByTagName("ALIGNABLE_ANNOTATION");
        for (int k = 0; k < as.getLength(); k++) {
            Element a = (Element) as.item(k);
            NodeList v = a.getElementsByTagName("ANNOTATION_VALUE");
            out.put(a.getAttribute("ANNOTATION_ID"), v.getLength() == 0 ? null : v.item(0).getTextContent());
        }
        return out;
    }

    private static Map<String, String> references(Element tier) {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList rs = tier.getElementsByTagName("REF_ANNOTATION");
        for (int k = 0; k < rs.getLength(); k++) {
            Element r = (Element) rs.item(k);
            NodeList v = r.getElementsByTagName("ANNOTATION_VALUE");
            out.put(r.getAttribute("ANNOTATION_REF"), v.getLength() == 0 ? null : v.item(0).getTextContent());
        }
        return out;
    }

    private static Element tier(Document d, Element root, String id, String type, String parent, String annotator) {
        Element t = child(d, root, "TIER");
        t.setAttribute("TIER_ID", id);
        t.setAttribute("LINGUISTIC_TYPE_REF", type);
        t.setAttribute("ANNOTATOR", annotator);
        if (parent != null) {
            t.setAttribute("PARENT_REF", parent);
        }
        return t;
    }

    private static void aligned(Document d, Element tier, String id, String from, String to, String value) {
        Element a = child(d, child(d, tier, "ANNOTATION"), "ALIGNABLE_ANNOTATION");
        a.setAttribute("ANNOTATION_ID", id);
        a.setAttribute("TIME_SLOT_REF1", from);
        a.setAttribute("TIME_SLOT_REF2", to);
        child(d, a, "ANNOTATION_VALUE").setTextContent(value);
    }

    private static void type(Document d, Element root, String id, String constraint, boolean alignable) {
        Element t = child(d, root, "LINGUISTIC_TYPE");
        t.setAttribute("LINGUISTIC_TYPE_ID", id);
        t.setAttribute("TIME_ALIGNABLE", Boolean.toString(alignable));
        t.setAttribute("GRAPHIC_REFERENCES", "false");
        if (constraint != null) {
            t.setAttribute("CONSTRAINTS", constraint);
        }
    }

    private static void constraint(Document d, Element root, String stereotype, String description) {
        Element c = child(d, root, "CONSTRAINT");
        c.setAttribute("STEREOTYPE", stereotype);
        c.setAttribute("DESCRIPTION", description);
    }

    private static Element child(Document d, Element parent, String name) {
        Element e = d.createElement(name);
        parent.appendChild(e);
        return e;
    }

    /** A parser that reads no external entity or DTD (an EAF is plain XML). */
    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }

    /** The MIME type ELAN expects for a media file, from its extension. */
    public static String mime(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".mp4") || f.endsWith(".m4v") || f.endsWith(".mov") ? "video/mp4"
                : f.endsWith(".avi") ? "video/x-msvideo" : f.endsWith(".mkv") ? "video/x-matroska"
                : f.endsWith(".mpg") || f.endsWith(".mpeg") ? "video/mpeg" : "unknown";
    }
}
