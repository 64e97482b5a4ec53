package io.thyme.event;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * What becomes of a source's record on its way to the dataset's one sink: an event (left), a late
 * event with the watermark it missed, or a row that is no event (right). All three travel the same
 * stream, so a dataset's branch is one chain ending in one exactly-once sink whose transactions
 * hold the dataset topic, {@code .late} and {@code .errors} together.
 */
public final class Outcome {
    private Outcome() {}

    public static Either<Row, Either<Tuple2<Row, Long>, InvalidRow>> event(Row event) {
        return Either.Left(event);
    }

    public static Either<Row, Either<Tuple2<Row, Long>, InvalidRow>> late(
            Row event, long watermark) {
        return Either.Right(Either.Left(Tuple2.of(event, watermark)));
    }

    public static Either<Row, Either<Tuple2<Row, Long>, InvalidRow>> invalid(InvalidRow row) {
        return Either.Right(Either.Right(row));
    }

    public static TypeInformation<Either<Row, Either<Tuple2<Row, Long>, InvalidRow>>> type(
            RowTypeInfo rowType) {
        return new EitherTypeInfo<>(
                rowType,
                new EitherTypeInfo<>(
                        new TupleTypeInfo<>(rowType, Types.LONG),
                        TypeInformation.of(InvalidRow.class)));
    }
}
