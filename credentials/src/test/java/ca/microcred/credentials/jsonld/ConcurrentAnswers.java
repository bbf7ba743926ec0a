package ca.microcred.credentials.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Checks a canonicaliser whose caches start empty gives the expected answers while threads race to fill them. */
final class ConcurrentAnswers {

    private static final int THREADS = 4;

    private ConcurrentAnswers() {
    }

    /**
     * Four threads canonicalise every document three times, each starting at a different place in the list, and
     * every answer must be the expected one.
     */
    static <T> void assertSameFromManyThreads(List<T> documents, List<String> expected, Function<T, String> canonical)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int offset = thread;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < documents.size(); i++) {
                            int index = (i + offset * 7) % documents.size();
                            if (!expected.get(index).equals(canonical.apply(documents.get(index)))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
