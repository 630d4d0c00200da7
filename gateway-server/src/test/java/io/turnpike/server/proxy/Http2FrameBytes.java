package io.turnpike.server.proxy;

import java.io.ByteArrayOutputStream;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.http2.Http2Flag;
import io.helidon.http.http2.Http2FrameData;
import io.helidon.http.http2.Http2FrameHeader;
import io.helidon.http.http2.Http2FrameTypes;

/** HTTP/2 frames as the bytes an upstream sends, written with Helidon's frame types; for tests and benchmarks. */
final class Http2FrameBytes {

    private Http2FrameBytes() {
    }

    /** @return the frame, header and payload, as sent */
    static byte[] bytes(Http2FrameData frame) {
        BufferData header = frame.header().write();
        byte[] bytes = new byte[header.available() + frame.data().available()];
        header.read(bytes, 0, header.available());
        frame.data().read(bytes, Http2FrameHeader.LENGTH, frame.data().available());
        return bytes;
    }

    /** @return a frame of {@code type} on {@code streamId}, with {@code flags} and {@code payload} as they are */
    static <T extends Http2Flag> byte[] frame(int streamId, Http2FrameTypes<T> type, int flags, byte[] payload) {
        return bytes(new Http2FrameData(Http2FrameHeader.create(payload.length, type, type.flags(flags), streamId),
                BufferData.create(payload)));
    }

    /** @return the frames one after another, as one read might hold them */
    static byte[] joined(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        return all.toByteArray();
    }
}
