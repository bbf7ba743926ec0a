package ca.microcred.systemtests.stress;

import ca.microcred.systemtests.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The published results table: each scenario writes its row to {@code system-tests/target/results/}, and
 * {@code system-tests/target/results.md} is rebuilt from every row present, so scenarios can run alone or together.
 */
final class Results {

    private Results() {
    }

    /**
     * @param number   the scenario's number in the stress plan (1-7), orders the table
     * @param figures  the measured figures, short and readable
     * @param failures what did not hold; empty when the scenario passed
     */
    static synchronized void record(int number, String scenario, String whatRan, String figures, List<String> failures) {
        Path dir = directory().resolve("results");
        String row = "| " + number + ". " + cell(scenario) + " | " + Stress.sizeName() + ": " + cell(whatRan) + " | "
                + cell(figures) + " | " + (failures.isEmpty() ? "PASS" : "FAIL: " + cell(String.join("; ", failures)))
                + " |";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(String.format("%02d.md", number)), row + "\n", StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(
                    "# MicroCred Registry — stress results",
                    "",
                    "Four packaged services as separate processes on the embedded Kafka broker and Mongo wire-protocol "
                            + "store, on this machine (" + Runtime.getRuntime().availableProcessors() + " cores). "
                            + "Sizes: `short` in `./mvnw verify`, `full` with `-Pstress`.",
                    "",
                    "| scenario | what ran | figures | result |",
                    "|---|---|---|---|"));
            try (Stream<Path> rows = Files.list(dir)) {
                for (Path file : rows.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    lines.add(Files.readString(file, StandardCharsets.UTF_8).strip());
                }
            }
            Files.write(directory().resolve("results.md"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results table", e);
        }
    }

    static Path directory() {
        return ServiceProcess.root().resolve("system-tests/target");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
