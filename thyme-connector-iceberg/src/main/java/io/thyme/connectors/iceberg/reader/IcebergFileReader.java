package io.thyme.connectors.iceberg.reader;

import io.thyme.connectors.iceberg.split.IcebergDataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.avro.Avro;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.avro.PlannedDataReader;
import org.apache.iceberg.data.orc.GenericOrcReader;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.orc.ORC;
import org.apache.iceberg.parquet.Parquet;

/**
 * Streams the records of one data file (Parquet, Avro or ORC), projected to the dataset's columns.
 */
final class IcebergFileReader {
    private IcebergFileReader() {}

    static CloseableIterable<Record> open(FileIO io, Schema projection, IcebergDataFile file) {
        InputFile input = io.newInputFile(file.location(), file.sizeBytes());
        FileFormat format = FileFormat.fromString(file.format());
        switch (format) {
            case PARQUET:
                return Parquet.read(input)
                        .project(projection)
                        .createReaderFunc(
                                fileSchema ->
                                        GenericParquetReaders.buildReader(projection, fileSchema))
                        .build();
            case AVRO:
                return Avro.read(input)
                        .project(projection)
                        .createResolvingReader(PlannedDataReader::create)
                        .build();
            case ORC:
                return ORC.read(input)
                        .project(projection)
                        .createReaderFunc(
                                fileSchema -> GenericOrcReader.buildReader(projection, fileSchema))
                        .build();
            default:
                throw new IllegalStateException(
                        "data file "
                                + file.location()
                                + " is "
                                + format
                                + ", which this source cannot read (Parquet, Avro, ORC)");
        }
    }
}
