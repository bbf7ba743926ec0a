package ca.microcred.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of registry-service, under {@code microcred.registry}. */
@ConfigMapping(prefix = "microcred.registry")
public interface RegistryConfig {

    /** Paging of the list endpoints. */
    Paging paging();

    /** The catalogue's in-memory search index. */
    Catalogue catalogue();

    /** Consumer lag and dead-letter gauges (ingest/ConsumerLag). */
    Lag lag();

    interface Lag {

        /** How often lag and dead-letter counts are read from the broker; scrapes serve the last reading. */
        @WithDefault("15s")
        Duration interval();
    }

    interface Catalogue {

        /**
         * How often the search index is reloaded from the {@code catalogue} collection. Writes this instance makes
         * are visible at once; this bounds how long a write made by another instance of the service takes to show.
         */
        @WithDefault("30s")
        Duration refreshInterval();
    }

    interface Paging {

        /** Records per page when a list request names no {@code size}. */
        @WithDefault("20")
        int defaultSize();

        /**
         * The largest {@code size} a list request may ask for; a larger one is answered 400, not silently cut, so a
         * client never mistakes a short page for the end of the list. Bounds the memory and time one request can
         * take when a recipient or provider has many records.
         */
        @WithDefault("100")
        int maxSize();
    }
}
