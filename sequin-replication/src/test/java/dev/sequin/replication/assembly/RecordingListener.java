package dev.sequin.replication.assembly;

import dev.sequin.message.ChangeMessage;
import dev.sequin.message.Lsn;
import dev.sequin.replication.pgoutput.PgOutputMessage.LogicalMessage;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything an assembler reports, in order. */
final class RecordingListener implements AssemblyListener {

    record Unencodable(ChangeMessage change, EncodingFailure failure) {
    }

    record Committed(Lsn commitLsn, Lsn endLsn) {
    }

    record Logical(LogicalMessage message, Lsn commitLsn) {
    }

    final List<ChangeMessage> changes = new ArrayList<>();
    final List<Unencodable> unencodable = new ArrayList<>();
    final List<Committed> commits = new ArrayList<>();
    final List<Logical> logicalMessages = new ArrayList<>();
    final List<HealthWarning> warnings = new ArrayList<>();
    /** Every event as a short string, to check interleaving. */
    final List<String> events = new ArrayList<>();

    @Override
    public void onChange(ChangeMessage change) {
        changes.add(change);
        events.add(change.action().wireName() + "#" + change.commitIdx());
    }

    @Override
    public void onUnencodableChange(ChangeMessage change, EncodingFailure failure) {
        unencodable.add(new Unencodable(change, failure));
        events.add("unencodable#" + change.commitIdx());
    }

    @Override
    public void onCommit(Lsn commitLsn, Lsn endLsn) {
        commits.add(new Committed(commitLsn, endLsn));
        events.add("commit");
    }

    @Override
    public void onLogicalMessage(LogicalMessage message, Lsn commitLsn) {
        logicalMessages.add(new Logical(message, commitLsn));
        events.add("message:" + message.prefix());
    }

    @Override
    public void onHealthWarning(HealthWarning warning) {
        warnings.add(warning);
    }
}
