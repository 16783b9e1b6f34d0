package dev.glimpse.analysis;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The one place that prepares DJL: offline, usage reporting off, set before the engine loads. Therapy
 * video is private; nothing in Glimpse opens a network connection.
 */
public final class DjlRuntime {
    private static volatile boolean configured;

    private DjlRuntime() {}

    private static volatile boolean loaded;

    /** Call before anything touches {@link Engine}; later calls do nothing. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        configured = true;
    }

    /** The engine, loaded offline; waits while another thread is loading it. */
    public static synchronized Engine engine() {
        configure();
        loaded = true;
        return Engine.getEngine("PyTorch");
    }

    /**
     * Starts loading the engine on a daemon thread (libtorch takes about half a second to load), so that a command
     * can read its inputs meanwhile; {@link #engine} then waits for it. Threads must be chosen before.
     */
    public static void loadInBackground() {
        Thread t = new Thread(DjlRuntime::engine, "glimpse-engine-loading");
        t.setDaemon(true);
        t.start();
    }

    /**
     * PyTorch's CPU threads for this process (within and between operators). libtorch reads them once,
     * when the engine loads, so this must come first.
     */
    public static synchronized void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (loaded && threads() != threads) {
            throw new IllegalStateException("PyTorch has started already with " + threads() + " threads");
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
    }

    /**
     * The device for a request: {@code auto} (or null) takes the GPU when PyTorch sees one, else the CPU;
     * {@code cpu} and {@code gpu} force it, and a GPU that is not there is a clear error.
     */
    public static Device device(String request) {
        Engine engine = engine();
        String r = request == null ? "auto" : request.trim().toLowerCase(java.util.Locale.ROOT);
        int gpus = engine.getGpuCount();
        return switch (r) {
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("--device gpu: PyTorch sees no CUDA GPU on this machine"
                            + " (build with -Pgpu for the CUDA natives, and check the NVIDIA driver); use --device cpu");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("unknown device '" + request + "'; use auto, cpu or gpu");
        };
    }

    /** A person-readable device name: "CPU, 2 threads", "CPU, 2 threads, bfloat16 convolutions" or "GPU 0 (CUDA)". */
    public static String describe(Device device) {
        if (device.isGpu()) {
            return "GPU " + device.getDeviceId() + " (CUDA)";
        }
        return "CPU, " + threads() + " threads" + (BFLOAT16.equals(precision(device)) ? ", bfloat16 convolutions" : "");
    }

    public static final String FLOAT32 = "float32";
    public static final String BFLOAT16 = "bfloat16";

    /**
     * The arithmetic the network's convolutions run in on {@code device}: {@code bfloat16} (float32 tensors, the
     * products in bfloat16, the sums in float32) when the launcher asked oneDNN for it (installers/allocator.sh,
     * GLIMPSE_PRECISION) and this CPU has bfloat16 instructions, else {@code float32}: oneDNN reads the request
     * from the environment when libtorch starts and ignores it on a CPU without them, so both are checked here.
     */
    public static String precision(Device device) {
        String mode = System.getenv("ONEDNN_DEFAULT_FPMATH_MODE");
        boolean asked = mode != null && (mode.equalsIgnoreCase("BF16") || mode.equalsIgnoreCase("ANY"));
        return asked && !device.isGpu() && cpuHasBfloat16() ? BFLOAT16 : FLOAT32;
    }

    private static volatile Boolean bfloat16Cpu;

    /** Whether this CPU has bfloat16 instructions (AVX-512 BF16 or AMX), from the kernel's list of its flags. */
    static boolean cpuHasBfloat16() {
        if (bfloat16Cpu == null) {
            boolean found = false;
            try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                found = lines.filter(l -> l.startsWith("flags")).findFirst()
                        .map(l -> java.util.Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                        .map(f -> f.contains("avx512_bf16") || f.contains("amx_bf16")).orElse(false);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                found = false; // not Linux, or no /proc: oneDNN decides alone, and float32 is what is said
            }
            bfloat16Cpu = found;
        }
        return bfloat16Cpu;
    }

    public static int threads() {
        String configured = System.getProperty("ai.djl.pytorch.num_threads");
        if (configured != null) {
            return Integer.parseInt(configured);
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Turns off autograd recording on the calling thread. libtorch keeps the flag per thread and DJL turns it
     * off only on the thread that loads the engine, so on any other thread (a desktop app's training or
     * analysis thread) the optimiser's in-place updates of the parameters would be refused and inference
     * would record graphs. A {@code GradientCollector} turns it on for its scope and back off after.
     */
    public static void noGradOnThisThread() {
        if ("PyTorch".equals(engine().getEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
    }
}
