package dev.pitwall.signals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of a batch of observations in the intake log. Compact and cheap to write on the
 * request thread; the first byte is a version so that a newer Pitwall can still fold entries an
 * older one logged.
 */
final class ObservationCodec {

    static final byte VERSION = 1;
    private static final long NO_TIME = Long.MIN_VALUE;

    private ObservationCodec() {}

    static byte[] encode(List<Observation> observations) {
        Out out = new Out(64 + observations.size() * 320);
        out.writeByte(VERSION);
        out.writeInt(observations.size());
        for (Observation o : observations) {
            out.writeString(o.fingerprint());
            out.writeByte((byte) o.source().ordinal());
            out.writeByte((byte) o.action().ordinal());
            out.writeByte((byte) (o.createIfMissing() ? 1 : 0));
            out.writeByte((byte) (o.severity() == null ? -1 : o.severity().ordinal()));
            out.writeString(o.title());
            out.writeString(o.description());
            out.writeString(o.service());
            out.writeString(o.environment());
            out.writeInt(o.labels().size());
            for (Map.Entry<String, String> label : o.labels().entrySet()) {
                out.writeString(label.getKey());
                out.writeString(label.getValue());
            }
            out.writeInt(o.links().size());
            for (SignalView.Link link : o.links()) {
                out.writeString(link.href());
                out.writeString(link.text());
            }
            out.writeInt(o.images().size());
            for (SignalView.Image image : o.images()) {
                out.writeString(image.src());
                out.writeString(image.href());
                out.writeString(image.alt());
            }
            out.writeString(o.details());
            out.writeTime(o.startedAt());
            out.writeTime(o.endedAt());
            out.writeTime(o.receivedAt());
            SignalUpdate.Report report = o.report();
            out.writeByte((byte) (report == null ? 0 : 1));
            if (report != null) {
                out.writeString(report.customerId());
                out.writeString(report.text());
                out.writeInt(report.customersAffected());
                out.writeByte((byte) (report.widespread() ? 1 : 0));
            }
            SignalUpdate.CheckContext check = o.check();
            out.writeByte((byte) (check == null ? 0 : 1));
            if (check != null) {
                out.writeLong(check.checkId());
                out.writeString(check.checkName());
                out.writeString(check.url());
                out.writeByte((byte) (check.critical() ? 1 : 0));
                out.writeString(check.reason());
                out.writeLong(check.changeId() == null ? NO_TIME : check.changeId());
                out.writeString(check.change());
                out.writeTime(check.changeFinishedAt());
            }
        }
        return out.toByteArray();
    }

    static List<Observation> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("Unknown intake entry version " + version);
        }
        int count = in.getInt();
        List<Observation> observations = new ArrayList<>(count);
        SignalSource[] sources = SignalSource.values();
        Observation.Action[] actions = Observation.Action.values();
        Severity[] severities = Severity.values();
        for (int i = 0; i < count; i++) {
            String fingerprint = readString(in);
            SignalSource source = sources[in.get()];
            Observation.Action action = actions[in.get()];
            boolean create = in.get() == 1;
            byte severity = in.get();
            String title = readString(in);
            String description = readString(in);
            String service = readString(in);
            String environment = readString(in);
            int labelCount = in.getInt();
            Map<String, String> labels = new TreeMap<>();
            for (int l = 0; l < labelCount; l++) {
                labels.put(readString(in), readString(in));
            }
            int linkCount = in.getInt();
            List<SignalView.Link> links = new ArrayList<>(linkCount);
            for (int l = 0; l < linkCount; l++) {
                links.add(new SignalView.Link(readString(in), readString(in)));
            }
            int imageCount = in.getInt();
            List<SignalView.Image> images = new ArrayList<>(imageCount);
            for (int l = 0; l < imageCount; l++) {
                images.add(new SignalView.Image(readString(in), readString(in), readString(in)));
            }
            String details = readString(in);
            Instant startedAt = readTime(in);
            Instant endedAt = readTime(in);
            Instant receivedAt = readTime(in);
            SignalUpdate.Report report = null;
            if (in.get() == 1) {
                report = new SignalUpdate.Report(readString(in), readString(in), in.getInt(), in.get() == 1);
            }
            SignalUpdate.CheckContext check = null;
            if (in.get() == 1) {
                long checkId = in.getLong();
                String name = readString(in);
                String url = readString(in);
                boolean critical = in.get() == 1;
                String reason = readString(in);
                long changeId = in.getLong();
                String change = readString(in);
                Instant finishedAt = readTime(in);
                check = new SignalUpdate.CheckContext(
                        checkId,
                        name,
                        url,
                        critical,
                        reason,
                        changeId == NO_TIME ? null : changeId,
                        change,
                        finishedAt);
            }
            observations.add(new Observation(
                    fingerprint,
                    source,
                    action,
                    create,
                    severity < 0 ? null : severities[severity],
                    title,
                    description,
                    service,
                    environment,
                    labels,
                    links,
                    images,
                    details,
                    startedAt,
                    endedAt,
                    receivedAt,
                    report,
                    check));
        }
        return observations;
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static Instant readTime(ByteBuffer in) {
        long millis = in.getLong();
        return millis == NO_TIME ? null : Instant.ofEpochMilli(millis);
    }

    /** A growable buffer; ByteArrayOutputStream would take a lock on every byte. */
    private static final class Out {
        private byte[] buf;
        private int count;

        Out(int size) {
            buf = new byte[size];
        }

        void writeByte(byte b) {
            ensure(1);
            buf[count++] = b;
        }

        void writeInt(int v) {
            ensure(4);
            buf[count++] = (byte) (v >>> 24);
            buf[count++] = (byte) (v >>> 16);
            buf[count++] = (byte) (v >>> 8);
            buf[count++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void writeTime(Instant instant) {
            writeLong(instant == null ? NO_TIME : instant.toEpochMilli());
        }

        void writeString(String s) {
            if (s == null) {
                writeInt(-1);
                return;
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            writeInt(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, count, bytes.length);
            count += bytes.length;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }

        private void ensure(int extra) {
            if (count + extra > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
            }
        }
    }
}
