package dev.sequin.app.e2e;

import dev.sequin.app.ApiClient;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code target/sequin.jar}) as a separate process, so a test can kill it
 * with SIGKILL and start it again on the same state database.
 */
final class ServiceProcess implements AutoCloseable {

    private final Map<String, String> env;
    private final List<String> args;
    private final List<String> jvmOptions;
    private final Path log;
    private final int port;
    private final int metricsPort;
    private Process process;

    ServiceProcess(String stateUrl, String token, Path dataDir, Path log, List<String> extraArgs) {
        this(stateUrl, token, dataDir, log, List.of("-Xmx512m"), extraArgs);
    }

    /** @param jvmOptions options for the service's JVM, e.g. its heap budget */
    ServiceProcess(String stateUrl, String token, Path dataDir, Path log, List<String> jvmOptions, List<String> extraArgs) {
        this.port = freePort();
        this.metricsPort = freePort();
        this.env = Map.of("PG_URL", stateUrl, "SEQUIN_API_TOKEN", token, "SERVER_PORT", Integer.toString(port),
                "SEQUIN_METRICS_PORT", Integer.toString(metricsPort), "SEQUIN_DATA_DIR", dataDir.toString());
        this.jvmOptions = List.copyOf(jvmOptions);
        this.args = new ArrayList<>(extraArgs);
        this.log = log;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The Prometheus scrape endpoint on the metrics port. */
    String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/metrics";
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the service and waits until {@code /health} answers. */
    void start() {
        File jar = new File("target/sequin.jar");
        if (!jar.exists()) {
            throw new IllegalStateException("target/sequin.jar is missing: run the integration tests through Maven (package runs first)");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.getAbsolutePath()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApiClient anonymous = new ApiClient(baseUrl(), null);
        TestReceiver.await("the service to answer /health (log: " + log + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("The service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return anonymous.get("/health").status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /** SIGKILL: no shutdown hooks, no graceful close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
