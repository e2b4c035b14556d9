package uk.nhs.phm.jobs.io;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * File operations over Hadoop's FileSystem, so a location may be local, HDFS or an object store, with the
 * atomic operations publication needs. On local disk Hadoop's rename falls back to copy-then-delete when a plain
 * rename fails (which can half-empty a folder), and its create is not exclusive; there the JDK's atomic move and
 * exclusive create are used instead. HDFS renames and creates are atomic; on object stores a rename is a copy
 * (see docs/architecture.md).
 */
public final class Fs {
    private Fs() {
    }

    /**
     * A configured location as a Hadoop path: a URI with a scheme ({@code file:}, {@code hdfs:}, {@code s3a:},
     * {@code abfss:}) or an absolute path is kept; a relative path is a local path resolved against {@code base}.
     */
    public static String resolve(String value, java.nio.file.Path base) {
        String v = value.trim();
        if (hasScheme(v) || v.startsWith("/")) {
            return v;
        }
        return base.resolve(v).toAbsolutePath().normalize().toString();
    }

    static boolean hasScheme(String v) {
        return v.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    }

    /** A location for people to read: local paths without the {@code file:} scheme. */
    public static String display(String location) {
        if (location.startsWith("file:")) {
            try {
                return new Path(location).toUri().getPath();
            } catch (IllegalArgumentException e) {
                return location;
            }
        }
        return location;
    }

    public static FileSystem fileSystem(Path p, Configuration conf) {
        try {
            return p.getFileSystem(conf);
        } catch (IOException | RuntimeException e) {
            throw new PhmUserException(p + ": cannot open the location (" + uk.nhs.phm.pipeline.Errors.firstLine(e)
                    + "); check the URI scheme and, for a remote store, the spark.hadoop.* settings.");
        }
    }

    static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getScheme());
    }

    /** Object stores: no atomic rename, but writing one object is atomic (a reader sees all of it or none). */
    static boolean isObjectStore(FileSystem fs) {
        return java.util.Set.of("s3a", "s3", "s3n", "gs", "oss", "cos").contains(fs.getScheme());
    }

    /** The local file behind a path of a local filesystem. */
    static java.nio.file.Path local(FileSystem fs, Path p) {
        return new File(fs.makeQualified(p).toUri().getPath()).toPath();
    }

    /** Moves a file or folder; fails (leaving both untouched) rather than copying. */
    static void move(FileSystem fs, Path from, Path to) throws IOException {
        if (isLocal(fs)) {
            Files.createDirectories(local(fs, to).getParent());
            Files.move(local(fs, from), local(fs, to), StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        fs.mkdirs(to.getParent());
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    /** Replaces {@code target} by {@code tmp} in one step: a reader sees the old file or the new one. */
    static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
        if (isLocal(fs)) {
            try {
                Files.move(local(fs, tmp), local(fs, target), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the output filesystem cannot replace a file atomically: " + target, e);
            }
            return;
        }
        FileContext fc = FileContext.getFileContext(fs.getUri(), fs.getConf());
        fc.rename(tmp, target, Options.Rename.OVERWRITE);
    }

    /** Creates a file only if it does not exist (atomically); false when it exists already. */
    static boolean createExclusive(FileSystem fs, Path p, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (isLocal(fs)) {
            java.nio.file.Path f = local(fs, p);
            Files.createDirectories(f.getParent());
            try {
                Files.write(f, bytes, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream o = fs.create(p, false)) {
            o.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Writes a small text file next to its target, then replaces the target with it. */
    static void writeAtomically(FileSystem fs, Path target, String text, String tmpSuffix) throws IOException {
        if (isObjectStore(fs)) {
            // A rename there is a copy then a delete; one PUT of the whole object is atomic.
            try (OutputStream o = fs.create(target, true)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + tmpSuffix + ".tmp");
        if (isLocal(fs)) {
            java.nio.file.Path t = local(fs, tmp);
            Files.createDirectories(t.getParent());
            Files.writeString(t, text, StandardCharsets.UTF_8);
        } else {
            fs.mkdirs(target.getParent());
            try (OutputStream o = fs.create(tmp, true)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        replace(fs, tmp, target);
    }

    /** The text of a small file, or null when there is none. */
    static String readText(FileSystem fs, Path p) throws IOException {
        if (isLocal(fs)) {
            java.nio.file.Path f = local(fs, p);
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        }
        if (!fs.exists(p)) {
            return null;
        }
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Deletes quietly (best effort); true when nothing is left. */
    static boolean delete(FileSystem fs, Path p) {
        try {
            return !fs.exists(p) || fs.delete(p, true);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Copies a folder of immutable files. On local disk the files are hard-linked (no extra space or time: phm
     * never changes a file once written); elsewhere they are copied.
     */
    static void copyFolder(FileSystem fs, Path from, Path to) throws IOException {
        if (isLocal(fs)) {
            java.nio.file.Path src = local(fs, from);
            java.nio.file.Path dst = local(fs, to);
            Files.createDirectories(dst);
            try (var files = Files.list(src)) {
                for (java.nio.file.Path f : files.toList()) {
                    java.nio.file.Path d = dst.resolve(f.getFileName().toString());
                    if (Files.isDirectory(f)) {
                        copyFolder(fs, new Path(f.toUri()), new Path(d.toUri()));
                    } else {
                        try {
                            Files.createLink(d, f);
                        } catch (UnsupportedOperationException | IOException e) {
                            Files.copy(f, d);
                        }
                    }
                }
            }
            return;
        }
        if (!org.apache.hadoop.fs.FileUtil.copy(fs, from, fs, to, false, fs.getConf())) {
            throw new IOException("copy " + from + " -> " + to + " failed");
        }
    }

    /** Entries of a folder (empty when it does not exist). */
    static FileStatus[] list(FileSystem fs, Path p) throws IOException {
        return fs.exists(p) ? fs.listStatus(p) : new FileStatus[0];
    }

    /** SHA-256 of a file, for the manifest (so a published figure can be traced to its exact input). */
    public static String sha256(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot checksum " + file, e);
        }
    }
}
