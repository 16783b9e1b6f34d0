package dev.glimpse.cli;

import static dev.glimpse.cli.AnalyzeCommandTest.glimpse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Event;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.dataset.synth.Emotion;
import dev.glimpse.dataset.synth.SyntheticDataset;
import dev.glimpse.io.Csv;
import dev.glimpse.store.Project;
import dev.glimpse.testing.Frames;
import dev.glimpse.testing.TinyWeights;
import dev.glimpse.training.Loso;
import dev.glimpse.training.Recipe;
import dev.glimpse.training.Reports;
import dev.glimpse.training.Training;
import dev.glimpse.training.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hostile tester or a careless user types, through the command line: each gets a clear, named refusal. */
class HostileInputTest {
    /** Text a spreadsheet would run, with the characters that shift a naive CSV's columns. */
    static final List<String> NASTY = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3", "@SUM(A1)", "\tlead", "\rcr",
            "'quoted", "a,b", "say \"hi\"", "two\nlines", "plain");

    @Test
    void exportedCsvNeitherRunsFormulasNorShiftsColumnsAndReadsBackExactly(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("p.glimpse");
        try (Project p = Project.open(db)) {
            long clip = p.clips().add(dir.resolve("=clip,1.mp4").toString(), 1, "ab".repeat(32), 30, 900, 64, 64).id();
            int onset = 10;
            for (String text : NASTY) {
                p.events().add(new Event(0, clip, onset, onset + 3, onset + 8, text, text, "casme2-5", List.of(new ActionUnit("12", "C")), null, text));
                onset += 20;
            }
        }
        Path csv = dir.resolve("events.csv");
        AnalyzeCommandTest.Run run = glimpse("export", "--project", db.toString(), "--csv", csv.toString());
        assertEquals(0, run.code(), run.err());
        List<CSVRecord> rows = Csv.read(csv);
        assertEquals(NASTY.size() + 1, rows.size());
        List<String> header = rows.get(0).toList();
        for (int k = 0; k < NASTY.size(); k++) {
            CSVRecord r = rows.get(k + 1);
            assertEquals(header.size(), r.size(), "row " + (k + 2) + " keeps its columns");
            for (String column : List.of("label", "annotator", "notes", "path")) {
                String cell = r.get(header.indexOf(column));
                char first = cell.charAt(0);
                assertFalse(first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r',
                        column + " of row " + (k + 2) + " starts a formula: " + cell);
            }
            assertEquals(NASTY.get(k), Csv.untext(r.get(header.indexOf("notes"))), "notes come back as written");
            assertEquals(NASTY.get(k), Csv.untext(r.get(header.indexOf("label"))));
            assertEquals(dir.resolve("=clip,1.mp4").toString(), Csv.untext(r.get(header.indexOf("path"))));
        }
    }

    @Test
    void evaluationCsvsKeepTheirColumnsWhateverTheNames(@TempDir Path dir) throws Exception {
        List<Loso.Prediction> predictions = new java.util.ArrayList<>();
        for (String name : NASTY) {
            predictions.add(new Loso.Prediction("casme2", "s,1", name, 3, 0, 1, new float[] {0.25f, 0.75f}));
        }
        Reports.write(dir, List.of("negative", "=positive"), List.of(new Loso.Fold("s,1", 10, NASTY.size(), 1.5, predictions)),
                Map.of());
        List<CSVRecord> rows = Csv.read(dir.resolve("predictions.csv"));
        List<String> header = rows.get(0).toList();
        assertEquals(List.of("database", "subject", "episode", "row", "truth", "predicted", "p_negative", "p_=positive"), header);
        for (int k = 0; k < NASTY.size(); k++) {
            CSVRecord r = rows.get(k + 1);
            assertEquals(header.size(), r.size());
            assertEquals(NASTY.get(k), Csv.untext(r.get(2)));
            assertEquals("s,1", Csv.untext(r.get(1)));
            assertEquals("'=positive", r.get(5), "a class name that looks like a formula is text");
            assertEquals("0.75000", r.get(7));
        }
        List<CSVRecord> folds = Csv.read(dir.resolve("folds.csv"));
        assertEquals(7, folds.get(1).size());
        assertEquals("s,1", folds.get(1).get(0));
    }

    @Test
    void readingCommandsNeverCreateAProject(@TempDir Path dir) {
        Path typo = dir.resolve("sessions").resolve("stduy.glimpse");
        AnalyzeCommandTest.Run run = glimpse("export", "--project", typo.toString(), "--csv", dir.resolve("e.csv").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains(typo.toString()) && run.err().contains("does not exist"), run.err());
        assertFalse(Files.exists(typo.getParent()), "no folder, no empty project");
        assertFalse(Files.exists(dir.resolve("e.csv")));
    }

    @Test
    void sizesAndPathsAreBoundedAndNamed(@TempDir Path dir) throws Exception {
        Path clip = Frames.write(dir.resolve("clip"), "img", "jpg", 1, 12, 120, 90, 4);
        AnalyzeCommandTest.Run huge = glimpse("frames", clip.toString(), "--at", "3", "--out", dir.resolve("o").toString(),
                "--crop", "--box", "0,0,80", "--size", "100000");
        assertEquals(2, huge.code());
        assertTrue(huge.err().contains("--size must be 1 to 4096"), huge.err());
        AnalyzeCommandTest.Run box = glimpse("frames", clip.toString(), "--at", "3", "--out", dir.resolve("o").toString(),
                "--crop", "--box", "0,0,99999999999");
        assertEquals(2, box.code());
        assertTrue(box.err().contains("--crop takes X,Y,SIZE"), box.err());

        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        AnalyzeCommandTest.Run out = glimpse("frames", clip.toString(), "--at", "3", "--out", file.toString());
        assertEquals(2, out.code());
        assertTrue(out.err().contains("--out " + file + " is a file, not a folder"), out.err());
        assertEquals("keep me", Files.readString(file));

        Path loop = Files.createSymbolicLink(dir.resolve("loop.mp4"), dir.resolve("loop.mp4"));
        AnalyzeCommandTest.Run looped = glimpse("info", loop.toString());
        assertEquals(2, looped.code());
        assertTrue(looped.err().contains("loop of symbolic links"), looped.err());

        // weights whose manifest asks for a 2240-pixel network: refused when read, naming the file and the limit
        Path weights = TinyWeights.write(dir.resolve("w"), "tiny", 3);
        ObjectNode manifest = (ObjectNode) new ObjectMapper().readTree(weights.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.get("config")).put("imageSize", 2240);
        new ObjectMapper().writeValue(weights.resolve("manifest.json").toFile(), manifest);
        AnalyzeCommandTest.Run big = glimpse("analyze", clip.toString(), "--onset", "1", "--apex", "5", "--weights",
                weights.toString(), "--device", "cpu", "--json", "--heatmaps", file.toString());
        assertEquals(2, big.code());
        assertTrue(big.err().contains("--heatmaps " + file + " is a file, not a folder"), big.err());
        big = glimpse("analyze", clip.toString(), "--onset", "1", "--apex", "5", "--weights", weights.toString(),
                "--device", "cpu", "--json");
        assertEquals(2, big.code());
        assertTrue(big.err().contains("manifest.json") && big.err().contains("imageSize must be 16 to 448"), big.err());
        assertEquals("", big.out(), "nothing on stdout for a JSON reader to take");
    }

    @Test
    void trainedWeightsAreNotReplacedAndAResumeMustBeTheSameRecipe(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("synthetic");
        SyntheticDataset.write(data, new SyntheticDataset.Options("casme2", 2, 1,
                List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.DISGUST), 30, 48, "mp4", 0, 9));
        Path weights = dir.resolve("weights");
        AnalyzeCommandTest.Run first = train(data, weights, dir, "--seed", "1");
        assertEquals(0, first.code(), first.err());
        byte[] trained = Files.readAllBytes(weights.resolve("atm-gcn.params"));

        AnalyzeCommandTest.Run again = train(data, weights, dir, "--seed", "2");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("holds trained weights already") && again.err().contains("--force"), again.err());
        assertArrayEquals(trained, Files.readAllBytes(weights.resolve("atm-gcn.params")), "nothing was changed");
        AnalyzeCommandTest.Run resumeFinished = train(data, weights, dir, "--seed", "1", "--resume");
        assertEquals(2, resumeFinished.code());
        assertTrue(resumeFinished.err().contains("no stopped run in it to resume"), resumeFinished.err());

        // a run stopped after its first epoch (checkpoint and recipe kept), resumed with another seed and epoch count
        Path stopped = dir.resolve("stopped");
        Recipe recipe = new Recipe("casme2", data, null, "casme2-3", "tiny", null,
                new Training.Options(2, 4, 1e-3, 1e-4, 0.01, 2.0, false, false, false, 1), dir.resolve("cache"));
        DatasetReport report = recipe.read();
        assertThrows(java.util.concurrent.CancellationException.class, () -> recipe.trainWeights(report, stopped, null,
                Map.of(), false, new TrainingListener() {
                    private boolean oneDone;

                    @Override
                    public void epochFinished(int epoch, int epochs, double meanLoss, double seconds) {
                        oneDone = true;
                    }

                    @Override
                    public boolean stopRequested() {
                        return oneDone;
                    }
                }));
        assertTrue(Files.isRegularFile(stopped.resolve("checkpoint/checkpoint.bin")));
        AnalyzeCommandTest.Run other = train(data, stopped, dir, "--seed", "7", "--epochs", "3", "--resume");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("trained differently") && other.err().contains("training.seed: 1 -> 7")
                && other.err().contains("training.epochs: 2 -> 3"), other.err());

        // a checkpoint cut short is named, not "null"
        Files.write(stopped.resolve("checkpoint/checkpoint.bin"), new byte[] {0, 0, 0, 1, 0, 0});
        AnalyzeCommandTest.Run cut = train(data, stopped, dir, "--seed", "1", "--epochs", "2", "--resume");
        assertEquals(2, cut.code());
        assertTrue(cut.err().contains("checkpoint.bin") && (cut.err().contains("cut short") || cut.err().contains("not a checkpoint")),
                cut.err());

        AnalyzeCommandTest.Run forced = train(data, weights, dir, "--seed", "2", "--force");
        assertEquals(0, forced.code(), forced.err());
    }

    private static AnalyzeCommandTest.Run train(Path data, Path out, Path dir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "casme2", "--root", data.toString(),
                "--scheme", "casme2-3", "--preset", "tiny", "--batch", "4", "--out", out.toString(), "--cache",
                dir.resolve("cache").toString()));
        if (!List.of(more).contains("--epochs")) {
            args.addAll(List.of("--epochs", "1"));
        }
        args.addAll(List.of(more));
        return glimpse(args.toArray(String[]::new));
    }
}
