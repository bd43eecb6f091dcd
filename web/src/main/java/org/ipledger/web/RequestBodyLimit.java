package org.ipledger.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses a request body over its limit with 413 {@code payload_too_large}: at once when its
 * {@code Content-Length} says so, and while it is read when it comes in chunks, so that no more
 * than the limit is ever read or buffered.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private final ObjectMapper json;
    private final long maxBody;
    private final long maxPreflightBody;
    private final List<PathPattern> preflights;

    /** @param preflightPaths the path patterns, e.g. {@code /api/v1/platforms/{id}/preflight}, that get the preflight limit */
    public RequestBodyLimit(ObjectMapper json, HttpProperties properties, String... preflightPaths) {
        this.json = json;
        this.maxBody = properties.maxBody().toBytes();
        this.maxPreflightBody = properties.maxPreflightBody().toBytes();
        this.preflights = Arrays.stream(preflightPaths).map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitOf(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), tooLarge(limit));
            return;
        }
        // A declared length is enforced by the server itself; only a chunked body needs counting.
        chain.doFilter(declared < 0 ? new Limited(request, limit) : request, response);
    }

    static ErrorResponse tooLarge(long limit) {
        return ErrorResponse.of("payload_too_large", "The request body is larger than the " + limit + " bytes this request may carry.");
    }

    private long limitOf(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        return preflights.stream().anyMatch(pattern -> pattern.matches(path)) ? maxPreflightBody : maxBody;
    }

    /** Thrown by a body read past the limit; {@link ApiExceptionHandler} answers it with 413. */
    static final class BodyTooLarge extends IOException {

        final long limit;

        BodyTooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream counted;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new Counted(super.getInputStream(), limit);
            }
            return counted;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    private static final class Counted extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counted(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
