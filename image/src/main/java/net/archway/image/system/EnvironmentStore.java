package net.archway.image.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The grubenv block where it lies in the EFI system partition. The firmware's kernel needs no
 * FAT driver for this: the block is found by its signature at a sector boundary of the raw
 * partition and rewritten in those same sectors, exactly what GRUB's {@code save_env} does.
 * Writes are one 1024-byte write followed by fsync: two sectors, so a power cut leaves either
 * the old or the new block in each sector; {@link SystemSoftware} orders its writes so that both
 * halves are always a bootable selection (all variables fit in the first 512 bytes).
 */
public final class EnvironmentStore {
    private static final int SECTOR = 512;
    private final Path partition;
    private long offset = -1;

    public EnvironmentStore(Path partition) {
        this.partition = partition;
    }

    public Path partition() {
        return partition;
    }

    public GrubEnvironment read() throws IOException {
        try (FileChannel ch = FileChannel.open(partition, StandardOpenOption.READ)) {
            long at = locate(ch);
            ByteBuffer buf = ByteBuffer.allocate(GrubEnvironment.SIZE);
            readFully(ch, buf, at);
            return GrubEnvironment.decode(buf.array());
        }
    }

    public void write(GrubEnvironment env) throws IOException {
        byte[] block = env.encode();
        try (FileChannel ch = FileChannel.open(partition, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = locate(ch);
            ByteBuffer buf = ByteBuffer.wrap(block);
            long pos = at;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            ch.force(true);
        }
    }

    private long locate(FileChannel ch) throws IOException {
        if (offset >= 0) {
            return offset;
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long size = ch.size();
        for (long base = 0; base < size; base += buf.capacity() - GrubEnvironment.SIZE) {
            buf.clear();
            int n = readFully(ch, buf, base);
            byte[] a = buf.array();
            for (int i = 0; i + GrubEnvironment.SIZE <= n; i += SECTOR) {
                if (GrubEnvironment.isBlock(a, i)) {
                    offset = base + i;
                    return offset;
                }
            }
            if (n < buf.capacity()) {
                break;
            }
        }
        throw new IOException(partition + ": no GRUB environment block (grubenv) in the EFI system partition");
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
