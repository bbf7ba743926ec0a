package ca.microcred.support.messaging;

import ca.microcred.contracts.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One codec per service: schemas are parsed once and shared by every producer and consumer. */
public class EventCodecProducer {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
