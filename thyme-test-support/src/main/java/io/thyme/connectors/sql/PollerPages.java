package io.thyme.connectors.sql;

import io.thyme.polling.TablePoller;
import io.thyme.polling.TablePoller.Page;
import io.thyme.polling.TablePoller.PagePosition;
import io.thyme.polling.split.PollingSplit;
import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.types.Row;

/** What the warehouse pollers' contract tests share: their dataset, and reading page by page. */
public final class PollerPages {
    /** id (key), name, amount, ok, day and ts (the event time): every field type. */
    public static final DatasetSpec EVENTS =
            new DatasetSpec(
                    "Event",
                    true,
                    List.of(
                            new FieldSpec("id", new FieldType(BaseType.INT, false), true, false),
                            new FieldSpec("name", new FieldType(BaseType.STR, false), false, false),
                            new FieldSpec(
                                    "amount", new FieldType(BaseType.FLOAT, true), false, false),
                            new FieldSpec("ok", new FieldType(BaseType.BOOL, true), false, false),
                            new FieldSpec("day", new FieldType(BaseType.DATE, true), false, false),
                            new FieldSpec(
                                    "ts", new FieldType(BaseType.DATETIME, false), false, true)));

    private PollerPages() {}

    /** Every valid row, page after page of {@code pageSize}, each page after the last's end. */
    public static List<Row> readAll(TablePoller poller, int pageSize) throws Exception {
        List<Row> rows = new ArrayList<>();
        Optional<PagePosition> after = Optional.empty();
        for (int pages = 0; pages < 20; pages++) {
            Page page = poller.read(PollingSplit.initial(0, 1), Optional.empty(), after, pageSize);
            page.rows().forEach(r -> rows.add(r.decoded().left()));
            if (page.rows().size() < pageSize) {
                break;
            }
            after = page.end();
        }
        return rows;
    }
}
