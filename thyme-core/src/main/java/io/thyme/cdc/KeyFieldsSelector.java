package io.thyme.cdc;

import io.thyme.event.EventSchema;
import io.thyme.event.InvalidRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * Keys an event by the dataset's key fields, as a row of just those fields; a late or invalid row,
 * which the upsert step passes on untouched, by a row of nulls.
 */
public final class KeyFieldsSelector
        implements KeySelector<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>, Row> {
    private static final long serialVersionUID = 1L;

    private final int[] keyIndexes;

    public KeyFieldsSelector(EventSchema schema) {
        this.keyIndexes = schema.keyIndexes();
    }

    @Override
    public Row getKey(Either<Row, Either<Tuple2<Row, Long>, InvalidRow>> outcome) {
        Row key = new Row(keyIndexes.length);
        if (outcome.isRight()) {
            return key;
        }
        Row event = outcome.left();
        for (int i = 0; i < keyIndexes.length; i++) {
            key.setField(i, event.getField(keyIndexes[i]));
        }
        return key;
    }

    public static TypeInformation<Row> keyType(EventSchema schema) {
        RowTypeInfo all = schema.rowType();
        int[] keys = schema.keyIndexes();
        TypeInformation<?>[] types = new TypeInformation<?>[keys.length];
        String[] names = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            types[i] = all.getTypeAt(keys[i]);
            names[i] = all.getFieldNames()[keys[i]];
        }
        return new RowTypeInfo(types, names);
    }
}
