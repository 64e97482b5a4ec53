package io.thyme.connectors.s3.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lines and blank lines BufferedReader.readLine and String.isBlank saw before. */
class ByteLinesTest {
    private static List<String> readLines(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new StringReader(text));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    /** A stream handing out at most a few bytes per read, to cut lines and \r\n at every place. */
    private static InputStream trickle(byte[] bytes, SplittableRandom random) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    private static List<String> byteLines(InputStream in) throws IOException {
        ByteLines lines = new ByteLines(in);
        List<String> read = new ArrayList<>();
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            read.add(new String(line, StandardCharsets.UTF_8));
        }
        return read;
    }

    @Test
    void endsLinesAsReadLineDoes() throws IOException {
        for (String text :
                new String[] {
                    "",
                    "a",
                    "a\n",
                    "a\nb",
                    "a\r\nb\r\n",
                    "a\rb",
                    "\n",
                    "\r\n\r\n",
                    "\r\r\n",
                    "a\n\n"
                }) {
            assertThat(byteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                    .as("%s", text.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(readLines(text));
        }
        SplittableRandom random = new SplittableRandom(5);
        String alphabet = "ab{}\"é😀 \t\r\n\r\n";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String sample = text.toString().replace("\ud83d\ude00".substring(0, 1), "😀");
            if (!sample.equals(
                    new String(sample.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
                continue; // a lone surrogate: not text a file holds
            }
            byte[] bytes = sample.getBytes(StandardCharsets.UTF_8);
            assertThat(byteLines(trickle(bytes, random))).isEqualTo(readLines(sample));
        }
    }

    @Test
    void aLineLongerThanTheBufferIsWhole() throws IOException {
        String huge = "x".repeat(200_000);
        String text = "a\n" + huge + "\r\nb";
        assertThat(byteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                .containsExactly("a", huge, "b");
    }

    @Test
    void blankAsStringIsBlank() {
        for (String line :
                new String[] {
                    "", " ", "\t \u000b\f", "\u001c", " x ", "\u00a0", "\u2003", "\u3000 ", "é"
                }) {
            assertThat(ByteLines.isBlank(line.getBytes(StandardCharsets.UTF_8)))
                    .as("%s", line)
                    .isEqualTo(line.isBlank());
        }
    }

    @Test
    void bytesThatAreNotUtf8PassAsTheyAre() throws IOException {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'};
        byte[] line = new ByteLines(new ByteArrayInputStream(bytes)).next();
        assertThat(line).containsExactly(java.util.Arrays.copyOf(bytes, 9));
    }
}
