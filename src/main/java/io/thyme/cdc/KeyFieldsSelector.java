package io.thyme.cdc;

import io.thyme.event.EventSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.types.Row;

/** Keys an event by the dataset's key fields, as a row of just those fields. */
public final class KeyFieldsSelector implements KeySelector<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final int[] keyIndexes;

    public KeyFieldsSelector(EventSchema schema) {
        this.keyIndexes = schema.keyIndexes();
    }

    @Override
    public Row getKey(Row event) {
        Row key = new Row(keyIndexes.length);
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
