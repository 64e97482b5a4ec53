package io.thyme.event;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.types.Either;

/**
 * What becomes of a source's record on its way to the dataset's one sink: an event (left), a late
 * event with the watermark it missed, or a row that is no event (right). All three travel the same
 * stream, so a dataset's branch is one chain ending in one exactly-once sink whose transactions
 * hold the dataset topic, {@code .late} and {@code .errors} together.
 */
public final class Outcome {
    private Outcome() {}

    public static <E> Either<E, Either<Tuple2<E, Long>, InvalidRow>> event(E event) {
        return Either.Left(event);
    }

    public static <E> Either<E, Either<Tuple2<E, Long>, InvalidRow>> late(E event, long watermark) {
        return Either.Right(Either.Left(Tuple2.of(event, watermark)));
    }

    public static <E> Either<E, Either<Tuple2<E, Long>, InvalidRow>> invalid(InvalidRow row) {
        return Either.Right(Either.Right(row));
    }

    /** The outcomes of events of {@code eventType} (a {@code Row}, or an {@link EncodedEvent}). */
    public static <E> TypeInformation<Either<E, Either<Tuple2<E, Long>, InvalidRow>>> type(
            TypeInformation<E> eventType) {
        return new EitherTypeInfo<>(
                eventType,
                new EitherTypeInfo<>(
                        new TupleTypeInfo<>(eventType, Types.LONG),
                        TypeInformation.of(InvalidRow.class)));
    }
}
