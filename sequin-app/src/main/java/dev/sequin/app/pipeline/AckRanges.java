package dev.sequin.app.pipeline;

import dev.sequin.message.Lsn;
import dev.sequin.message.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Acknowledged positions folded into runs of consecutive {@code commit_idx} per transaction. */
final class AckRanges {

    /** {@code commit_idx} from {@code firstIdx} to {@code lastIdx}, both included, of one transaction. */
    record Range(Lsn commitLsn, int firstIdx, int lastIdx) {
    }

    private AckRanges() {
    }

    /** The fewest ranges covering exactly {@code positions}, in commit order. */
    static List<Range> of(Collection<Position> positions) {
        Position[] sorted = positions.toArray(new Position[0]);
        Arrays.sort(sorted);
        List<Range> ranges = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            Lsn lsn = sorted[i].commitLsn();
            int first = sorted[i].commitIdx();
            int last = first;
            i++;
            while (i < sorted.length && sorted[i].commitLsn().equals(lsn) && sorted[i].commitIdx() <= last + 1) {
                last = Math.max(last, sorted[i].commitIdx());
                i++;
            }
            ranges.add(new Range(lsn, first, last));
        }
        return ranges;
    }
}
