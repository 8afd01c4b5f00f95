package io.storyline.ingest.article;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical form of an article URL, so the same article reached through a campaign link, a fragment or a
 * differently cased host gets the same id: lower-case scheme and host, no default port, no fragment, no
 * tracking parameters, remaining query parameters in a stable order.
 */
public final class CanonicalUrl {

    private static final Pattern TRACKING_PARAMETER = Pattern.compile(
            "(?i)utm_[a-z0-9_]*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid"
                    + "|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt_mc|s_cid|ncid|cmpid|ito|at_medium|at_campaign");

    private CanonicalUrl() {
    }

    /**
     * @throws RejectedInputException when the URL is malformed, too long or uses a scheme that is not allowed
     */
    public static String of(String raw, ArticleLimits limits) {
        String trimmed = raw.strip();
        if (trimmed.length() > limits.maxUrlChars()) {
            throw new RejectedInputException(RejectionReason.TOO_LONG, "url",
                    "longer than " + limits.maxUrlChars() + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new RejectedInputException(RejectionReason.INVALID_URL, "url", "not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new RejectedInputException(RejectionReason.INVALID_URL, "url", "not an absolute URL (no scheme)");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!limits.allowedUrlSchemes().contains(scheme)) {
            throw new RejectedInputException(RejectionReason.URL_SCHEME_NOT_ALLOWED, "url",
                    "scheme '" + scheme + "' is not allowed; allowed: " + String.join(", ", limits.allowedUrlSchemes().stream().sorted().toList()));
        }
        if (uri.isOpaque()) {
            return scheme + ":" + uri.getRawSchemeSpecificPart();
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RejectedInputException(RejectionReason.INVALID_URL, "url", "no host");
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(RejectionReason.INVALID_URL, "url", "invalid host name");
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        StringBuilder out = new StringBuilder(trimmed.length()).append(scheme).append("://").append(host);
        int port = uri.getPort();
        if (port != -1 && !(port == 80 && scheme.equals("http")) && !(port == 443 && scheme.equals("https"))) {
            out.append(':').append(port);
        }
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        String query = canonicalQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!TRACKING_PARAMETER.matcher(name).matches()) {
                kept.add(pair);
            }
        }
        // Order does not change what a news page shows; sorting makes ?a=1&b=2 and ?b=2&a=1 one article.
        kept.sort(null);
        return String.join("&", kept);
    }
}
