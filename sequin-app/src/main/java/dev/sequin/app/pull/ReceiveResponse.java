package dev.sequin.app.pull;

import dev.sequin.delivery.pull.Lease;
import dev.sequin.message.MessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a receive's answer, {@code {"data": [{"ack_id": "<uuid>", "data": <message>}]}}
 * (contract §3; each message nested under {@code data}, as Sequin's code does), straight from the
 * messages' pre-encoded JSON: no tree is built for up to 1000 messages per call.
 */
final class ReceiveResponse {

    private ReceiveResponse() {
    }

    static byte[] write(List<Lease> leases, MessageEncoder encoder) {
        if (leases.isEmpty()) {
            return "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(leases.size() * 768);
        out.append("{\"data\":[");
        for (int i = 0; i < leases.size(); i++) {
            Lease lease = leases.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"ack_id\":\"").append(lease.ackId()).append("\",\"data\":");
            encoder.appendTo(out, lease.message().change());
            out.append('}');
        }
        out.append("]}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
