package dev.glimpse.analysis;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glimpse.io.FilePaths;
import dev.glimpse.model.AtmGcn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A weights folder: {@code atm-gcn.params} (DJL parameters) and {@code manifest.json}. The bundled
 * default weights live on the class path under {@link #DEFAULT_RESOURCE}.
 */
public final class Weights {
    public static final String DEFAULT_RESOURCE = "/dev/glimpse/weights/default/";
    public static final String DEFAULT_LOCATION = "builtin:default";
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String location;
    private final WeightsManifest manifest;
    private final byte[] parameters;

    private Weights(String location, WeightsManifest manifest, byte[] parameters) {
        this.location = location;
        this.manifest = manifest;
        this.parameters = parameters;
    }

    public String location() {
        return location;
    }

    public WeightsManifest manifest() {
        return manifest;
    }

    /** Reads the folder, checks the manifest and the parameters' checksum. */
    public static Weights read(Path folder) throws WeightsException {
        if (!Files.isDirectory(folder)) {
            throw new WeightsException(folder + ": " + (Files.exists(folder) ? "is not a weights folder" : FilePaths.missing(folder)));
        }
        Path manifestFile = folder.resolve(WeightsManifest.FILE);
        Path paramFile = folder.resolve(WeightsManifest.PARAMETERS);
        try {
            return of(folder.toString(), manifestFile.toString(), Files.readAllBytes(manifestFile),
                    paramFile.toString(), Files.readAllBytes(paramFile));
        } catch (NoSuchFileException e) {
            throw new WeightsException(e.getFile() + ": missing; a weights folder holds "
                    + WeightsManifest.FILE + " and " + WeightsManifest.PARAMETERS);
        } catch (IOException e) {
            throw new WeightsException(folder + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The weights bundled with Glimpse. */
    public static Weights bundled() throws WeightsException {
        try (InputStream m = Weights.class.getResourceAsStream(DEFAULT_RESOURCE + WeightsManifest.FILE);
             InputStream p = Weights.class.getResourceAsStream(DEFAULT_RESOURCE + WeightsManifest.PARAMETERS)) {
            if (m == null || p == null) {
                throw new WeightsException(DEFAULT_LOCATION + ": the bundled weights are missing from this build");
            }
            return of(DEFAULT_LOCATION, DEFAULT_LOCATION + "/" + WeightsManifest.FILE, m.readAllBytes(),
                    DEFAULT_LOCATION + "/" + WeightsManifest.PARAMETERS, p.readAllBytes());
        } catch (IOException e) {
            throw new WeightsException(DEFAULT_LOCATION + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** {@code location} a folder path, or null / "default" for the bundled weights. */
    public static Weights open(String location) throws WeightsException {
        if (location == null || location.isBlank() || location.equals("default") || location.equals(DEFAULT_LOCATION)) {
            return bundled();
        }
        return read(Path.of(location));
    }

    private static Weights of(String location, String manifestName, byte[] manifestBytes,
                              String paramName, byte[] params) throws WeightsException {
        WeightsManifest manifest;
        try {
            manifest = JSON.readValue(manifestBytes, WeightsManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new WeightsException(manifestName + ": not a valid weights manifest: " + firstLine(e), e);
        }
        if (manifest.format() != WeightsManifest.FORMAT) {
            throw new WeightsException(manifestName + ": manifest format " + manifest.format()
                    + " is not the one this version reads (" + WeightsManifest.FORMAT + ")");
        }
        if (manifest.config() == null || manifest.classes().size() != manifest.config().classes()) {
            throw new WeightsException(manifestName + ": the configuration and the class list disagree");
        }
        String actual = sha256(params);
        if (!actual.equalsIgnoreCase(manifest.sha256())) {
            throw new WeightsException(paramName + ": corrupt parameter file (SHA-256 " + actual
                    + " does not match the manifest's " + manifest.sha256() + ")");
        }
        return new Weights(location, manifest, params);
    }

    /** The network built from the manifest's configuration with these parameters, in {@code manager}. */
    public AtmGcn network(NDManager manager) throws WeightsException {
        AtmGcn net = new AtmGcn(manifest.config());
        net.initialize(manager, DataType.FLOAT32, net.inputShapes());
        Map<String, Shape> expected = new LinkedHashMap<>();
        net.getParameters().forEach(p -> expected.put(p.getKey(), p.getValue().getArray().getShape()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            net.loadParameters(manager, in);
            if (in.read() != -1) {
                throw new MalformedModelException("more parameters than the '" + manifest.preset() + "' network holds");
            }
            // DJL does not check shapes on load: tiny and small share parameter names
            for (var p : net.getParameters()) {
                Shape shape = p.getValue().getArray().getShape();
                if (!shape.equals(expected.get(p.getKey()))) {
                    throw new MalformedModelException("parameter " + p.getKey() + " has shape " + shape
                            + ", the network needs " + expected.get(p.getKey()));
                }
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new WeightsException(location + "/" + WeightsManifest.PARAMETERS
                    + ": does not fit the '" + manifest.preset() + "' network of its manifest: " + firstLine(e), e);
        }
        return net;
    }

    /** Writes {@code net} and its manifest into {@code folder}; the manifest gets the checksum. */
    public static WeightsManifest write(Path folder, AtmGcn net, WeightsManifest manifest) throws IOException {
        Files.createDirectories(folder);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.saveParameters(out);
        }
        byte[] params = bytes.toByteArray();
        WeightsManifest complete = new WeightsManifest(WeightsManifest.FORMAT, manifest.name(), manifest.preset(),
                net.config(), manifest.classes(), manifest.scheme(), net.config().imageSize(), net.config().frames(),
                manifest.trained(), manifest.trainedOn(), manifest.seed(), manifest.epochs(), manifest.metrics(),
                sha256(params), manifest.created() == null ? Instant.now().toString() : manifest.created());
        // write beside, then move: a crash never leaves a half-written weights folder
        Path tmpParams = folder.resolve(WeightsManifest.PARAMETERS + ".tmp");
        Path tmpManifest = folder.resolve(WeightsManifest.FILE + ".tmp");
        Files.write(tmpParams, params);
        Files.write(tmpManifest, JSON.writeValueAsBytes(complete));
        Files.move(tmpParams, folder.resolve(WeightsManifest.PARAMETERS), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpManifest, folder.resolve(WeightsManifest.FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return complete;
    }

    /**
     * Puts evaluation results into the manifest of the weights in {@code folder}, which must read back
     * (checksum included); the parameters are left as they are.
     */
    public static WeightsManifest withMetrics(Path folder, Map<String, Object> metrics) throws IOException, WeightsException {
        WeightsManifest m = read(folder).manifest();
        WeightsManifest updated = new WeightsManifest(m.format(), m.name(), m.preset(), m.config(), m.classes(), m.scheme(),
                m.inputSize(), m.frames(), m.trained(), m.trainedOn(), m.seed(), m.epochs(), metrics, m.sha256(), m.created());
        Path tmp = folder.resolve(WeightsManifest.FILE + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(updated));
        Files.move(tmp, folder.resolve(WeightsManifest.FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return updated;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
