package ca.microcred.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of registry-service, under {@code microcred.registry}. */
@ConfigMapping(prefix = "microcred.registry")
public interface RegistryConfig {

    /** Paging of the list endpoints. */
    Paging paging();

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
