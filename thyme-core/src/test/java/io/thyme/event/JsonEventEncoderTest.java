package io.thyme.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.thyme.spec.BaseType;
import io.thyme.spec.DatasetSpec;
import io.thyme.spec.FieldSpec;
import io.thyme.spec.FieldType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class JsonEventEncoderTest {
    static final DatasetSpec TRANSACTION =
            new DatasetSpec(
                    "Transaction",
                    true,
                    List.of(
                            new FieldSpec(
                                    "user_id", new FieldType(BaseType.STR, false), true, false),
                            new FieldSpec(
                                    "amount", new FieldType(BaseType.FLOAT, false), false, false),
                            new FieldSpec(
                                    "ts", new FieldType(BaseType.DATETIME, false), false, true),
                            new FieldSpec("day", new FieldType(BaseType.DATE, true), false, false),
                            new FieldSpec("n", new FieldType(BaseType.INT, true), false, false),
                            new FieldSpec(
                                    "ok", new FieldType(BaseType.BOOL, false), false, false)));

    private final JsonEventEncoder encoder = new JsonEventEncoder(new EventSchema(TRANSACTION));

    @Test
    void writesTheDocumentedWireFormat() {
        Row event =
                Row.of(
                        "u1",
                        12.5,
                        Instant.parse("2024-05-01T12:00:00.1234567Z"),
                        LocalDate.of(2024, 5, 1),
                        null,
                        true);
        assertThat(new String(encoder.value(event), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"user_id\":\"u1\",\"amount\":12.5,\"ts\":\"2024-05-01T12:00:00.123456Z\","
                                + "\"day\":\"2024-05-01\",\"n\":null,\"ok\":true}");
        assertThat(new String(encoder.key(event), StandardCharsets.UTF_8))
                .isEqualTo("{\"user_id\":\"u1\"}");
    }

    @Test
    void keylessDatasetsHaveNoKey() {
        DatasetSpec keyless =
                new DatasetSpec(
                        "Click",
                        false,
                        List.of(
                                new FieldSpec(
                                        "ts",
                                        new FieldType(BaseType.DATETIME, false),
                                        false,
                                        true)));
        JsonEventEncoder keylessEncoder = new JsonEventEncoder(new EventSchema(keyless));
        assertThat(keylessEncoder.key(Row.of(Instant.EPOCH))).isNull();
        assertThat(new String(keylessEncoder.value(Row.of(Instant.EPOCH)), StandardCharsets.UTF_8))
                .isEqualTo("{\"ts\":\"1970-01-01T00:00:00.000000Z\"}");
    }

    @Test
    void whatItWritesDecodesBackToTheSameEvent() throws Exception {
        Row event =
                Row.of(
                        "u\"2",
                        -0.25,
                        Instant.parse("2024-05-01T12:00:00.000001Z"),
                        null,
                        7L,
                        false);
        Row back = new JsonRowDecoder(new EventSchema(TRANSACTION)).decode(encoder.value(event));
        assertThat(back).isEqualTo(event);
    }

    /**
     * The encoder this one replaced: Jackson's generator (with its fast double writer), the
     * reference for the bytes.
     */
    private static String jackson(Row event, List<Integer> positions) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator out =
                com.fasterxml.jackson.core.JsonFactory.builder()
                        .enable(
                                com.fasterxml.jackson.core.StreamWriteFeature
                                        .USE_FAST_DOUBLE_WRITER)
                        .build()
                        .createGenerator(bytes)) {
            out.writeStartObject();
            for (int position : positions) {
                FieldSpec field = TRANSACTION.fields().get(position);
                out.writeFieldName(field.name());
                Object value = event.getField(position);
                if (value == null) {
                    out.writeNull();
                    continue;
                }
                switch (field.type().base()) {
                    case STR -> out.writeString((String) value);
                    case FLOAT -> out.writeNumber((Double) value);
                    case INT -> out.writeNumber((Long) value);
                    case BOOL -> out.writeBoolean((Boolean) value);
                    case DATETIME ->
                            out.writeString(FieldValues.DATETIME_OUT.format((Instant) value));
                    case DATE -> out.writeString(value.toString());
                    default -> throw new IllegalStateException();
                }
            }
            out.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String randomText(java.util.Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20)); // control characters
                case 1 -> text.append("\"\\/\u007f".charAt(random.nextInt(4)));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780))); // two bytes
                case 3 -> text.append((char) (0x800 + random.nextInt(0xD000))); // three bytes
                case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0xFFFFF)); // a pair
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    /** Longs of every length and sign, their edges included. */
    private static long randomLong(java.util.Random random) {
        long power = (long) Math.pow(10, random.nextInt(19));
        return switch (random.nextInt(6)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(2001) - 1000;
            case 2 -> power;
            case 3 -> -power + random.nextInt(3) - 1;
            case 4 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            default -> random.nextLong() / power;
        };
    }

    @Test
    void writesTheBytesJacksonWroteForGeneratedEvents() throws Exception {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            Row event =
                    Row.of(
                            randomText(random),
                            switch (random.nextInt(3)) {
                                case 0 -> (double) random.nextInt();
                                case 1 -> random.nextInt() / 100.0; // prices: the short path
                                default ->
                                        random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                            },
                            Instant.ofEpochSecond(
                                    random.nextInt(Integer.MAX_VALUE) - 1_000_000_000L,
                                    random.nextInt(1_000_000_000)),
                            random.nextBoolean()
                                    ? null
                                    : LocalDate.ofEpochDay(random.nextInt(50_000)),
                            random.nextBoolean() ? null : randomLong(random),
                            random.nextBoolean());
            assertThat(new String(encoder.value(event), StandardCharsets.UTF_8))
                    .isEqualTo(jackson(event, List.of(0, 1, 2, 3, 4, 5)));
            assertThat(new String(encoder.key(event), StandardCharsets.UTF_8))
                    .isEqualTo(jackson(event, List.of(0)));
            JsonEventEncoder.KeyAndValue both = encoder.keyAndValue(event);
            assertThat(new String(both.value(), StandardCharsets.UTF_8))
                    .isEqualTo(jackson(event, List.of(0, 1, 2, 3, 4, 5)));
            assertThat(new String(both.key(), StandardCharsets.UTF_8))
                    .isEqualTo(jackson(event, List.of(0)));
        }
    }

    @Test
    void theKeyCutFromTheValueIsTheKeyOfSeveralKeyFieldsOrNone() throws Exception {
        List<FieldSpec> fields = new java.util.ArrayList<>(TRANSACTION.fields());
        fields.set(4, new FieldSpec("n", new FieldType(BaseType.INT, true), true, false)); // a key
        JsonEventEncoder twoKeys =
                new JsonEventEncoder(new EventSchema(new DatasetSpec("Transaction", true, fields)));
        Row event = Row.of("u\"1", 0.25, Instant.EPOCH, null, 7L, true);
        assertThat(new String(twoKeys.keyAndValue(event).key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"user_id\":\"u\\\"1\",\"n\":7}")
                .isEqualTo(new String(twoKeys.key(event), StandardCharsets.UTF_8));
        Row nullKey = Row.of("u", 0.25, Instant.EPOCH, null, null, true);
        assertThat(new String(twoKeys.keyAndValue(nullKey).key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"user_id\":\"u\",\"n\":null}");

        List<FieldSpec> keyless =
                TRANSACTION.fields().stream()
                        .map(f -> new FieldSpec(f.name(), f.type(), false, f.timestamp()))
                        .toList();
        JsonEventEncoder none =
                new JsonEventEncoder(
                        new EventSchema(new DatasetSpec("Transaction", false, keyless)));
        JsonEventEncoder.KeyAndValue encoded = none.keyAndValue(event);
        assertThat(encoded.key()).isNull();
        assertThat(new String(encoded.value(), StandardCharsets.UTF_8))
                .isEqualTo(jackson(event, List.of(0, 1, 2, 3, 4, 5)));
    }

    @Test
    void aLoneSurrogateIsEscapedInsteadOfFailing() {
        Row event = Row.of("a\ud800b\udc00", 1.0, Instant.EPOCH, null, null, false);
        assertThat(new String(encoder.key(event), StandardCharsets.UTF_8))
                .isEqualTo("{\"user_id\":\"a\\uD800b\\uDC00\"}");
    }

    @Test
    void aMultiMegabyteStringOfEscapesFits() throws Exception {
        String huge = "\u0001\"é😀".repeat(400_000);
        Row event = Row.of(huge, 1.0, Instant.EPOCH, null, null, false);
        assertThat(new String(encoder.key(event), StandardCharsets.UTF_8))
                .isEqualTo(jackson(event, List.of(0)));
        assertThat(new String(encoder.key(Row.of("small", 1.0, Instant.EPOCH, null, null, false))))
                .isEqualTo("{\"user_id\":\"small\"}");
    }
}
