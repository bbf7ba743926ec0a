package ca.microcred.verification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of verification-service, under {@code microcred.verification}. */
@ConfigMapping(prefix = "microcred.verification")
public interface VerificationConfig {

    /**
     * Clock difference between an issuer and this service that the validity check forgives: a credential whose
     * {@code validFrom} lies up to this far in the future, or whose {@code validUntil} passed up to this long ago,
     * still counts as inside its validity window. Keeps a credential issued a moment ago from failing because
     * the issuer's clock runs slightly ahead; keep it short, because it also extends every expiry date.
     */
    @WithDefault("PT1M")
    Duration clockSkew();
}
