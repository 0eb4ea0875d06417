package dev.sequin.sink;

/** The HTTP pull API (contract §3): consumers receive and ack; nothing is pushed. */
public record SequinStreamDestination() implements Destination {

    @Override
    public String type() {
        return "sequin_stream";
    }
}
