package io.storyline.deploy.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a kustomization with {@code kubectl kustomize}, the same renderer {@code kubectl apply -k} uses. */
final class Kustomize {

    private static final Path MODULE_DIR = Path.of(System.getProperty("kustomize.dir", ".")).toAbsolutePath().normalize();

    private Kustomize() {
    }

    static Path moduleDir() {
        return MODULE_DIR;
    }

    static Path overlay(String name) {
        return MODULE_DIR.resolve("overlays").resolve(name);
    }

    static String render(Path kustomization) {
        String kubectl = System.getProperty("kubectl", "kubectl");
        requireKustomizeV5(kubectl);
        return run(List.of(kubectl, "kustomize", kustomization.toString()), "kubectl kustomize " + kustomization);
    }

    private static volatile boolean versionChecked;

    /**
     * The kustomizations use the labels, replicas and inline patches fields of kustomize v5 (kubectl 1.27+);
     * an older embedded kustomize (Debian's kubernetes-client 1.20 has v2.0.3) fails on them obscurely.
     */
    private static void requireKustomizeV5(String kubectl) {
        if (versionChecked) {
            return;
        }
        String version = run(List.of(kubectl, "version", "--client"), "kubectl version --client");
        Matcher m = Pattern.compile("Kustomize Version: v(\\d+)\\.").matcher(version);
        if (!m.find() || Integer.parseInt(m.group(1)) < 5) {
            throw new AssertionError("kubectl's embedded kustomize is older than v5, which these kustomizations are written for (kubectl 1.27 or newer); "
                    + "'kubectl version --client' says:\n" + version.strip());
        }
        versionChecked = true;
    }

    private static String run(List<String> command, String what) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Process process;
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            process = builder.redirectError(stderr.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(what + " did not finish within 2 minutes");
            }
            String err = Files.readString(stderr);
            Files.deleteIfExists(stderr);
            if (process.exitValue() != 0) {
                throw new AssertionError(what + " failed (exit " + process.exitValue() + "):\n" + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + what + "': kubectl is not installed or not on PATH"
                    + " (install kubectl 1.27 or newer; Debian's kubernetes-client package is 1.20, too old; or pass -Dkubectl=/path/to/kubectl): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + what, e);
        }
    }
}
