#include "api/curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "api/base_url.hpp"

namespace descope_mgmt::api {

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

/// Collects the (decoded) body up to a cap; past it, the transfer is stopped.
struct BodySink {
    std::string* body = nullptr;
    std::size_t cap = 0;  // 0 = no limit
    bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* sink = static_cast<BodySink*>(user);
    const std::size_t n = size * count;
    if (sink->cap != 0 && n > sink->cap - std::min(sink->cap, sink->body->size())) {
        sink->too_large = true;
        return CURL_WRITEFUNC_ERROR;  // stops the transfer with CURLE_WRITE_ERROR
    }
    sink->body->append(data, n);
    return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) headers->clear();  // a new response (e.g. after 100)
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
            value.remove_prefix(1);
        }
        while (!value.empty() &&
               (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
            value.remove_suffix(1);
        }
        (*headers)[name] = std::string(value);
    }
    return size * count;
}

TransportErrorKind classify(CURLcode code, bool sent_anything) {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
            return TransportErrorKind::connect_failed;
        case CURLE_OPERATION_TIMEDOUT:
            return sent_anything ? TransportErrorKind::timeout : TransportErrorKind::connect_failed;
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return sent_anything ? TransportErrorKind::connection_lost
                                 : TransportErrorKind::connect_failed;
        case CURLE_BAD_CONTENT_ENCODING:
            return TransportErrorKind::undecodable;
        case CURLE_FILESIZE_EXCEEDED:
            return TransportErrorKind::too_large;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
            return TransportErrorKind::tls;
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT:
            return TransportErrorKind::invalid_request;
        default:
            return TransportErrorKind::other;
    }
}

std::string size_text(std::size_t bytes) {
    if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

/// Refuses plain http to anything but loopback, whatever built the URL.
bool allowed_url(const std::string& url) {
    CURLU* u = curl_url();
    bool ok = false;
    if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        char* scheme = nullptr;
        char* host = nullptr;
        if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
            const std::string s = scheme;
            ok = s == "https" || (s == "http" && is_loopback_host(host));
        }
        curl_free(scheme);
        curl_free(host);
    }
    curl_url_cleanup(u);
    return ok;
}

}  // namespace

CurlTransport::CurlTransport() {
    global_init();
}

CurlTransport::~CurlTransport() {
    for (void* h : m_idle)
        curl_easy_cleanup(static_cast<CURL*>(h));
}

void* CurlTransport::borrow() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            void* h = m_idle.back();
            m_idle.pop_back();
            return h;
        }
    }
    return curl_easy_init();
}

void CurlTransport::give_back(void* handle) {
    std::lock_guard lock(m_mutex);
    m_idle.push_back(handle);
}

util::Result<HttpResponse, TransportError> CurlTransport::send(const HttpRequest& request) {
    if (!allowed_url(request.url)) {
        return util::unexpected(
            TransportError{TransportErrorKind::invalid_request,
                           "refused: only https:// (or http:// to a loopback host) is allowed"});
    }
    CURL* curl = static_cast<CURL*>(borrow());
    if (!curl)
        return util::unexpected(TransportError{TransportErrorKind::other, "curl_easy_init failed"});
    // reset() clears the options but keeps the handle's live connections for reuse.
    curl_easy_reset(curl);

    HttpResponse response;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
        headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(request.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    // gzip only: cheap for any server to produce (a brotli answer at httplib's default quality
    // costs the emulator ~1 s for 700 KB) and cheap to decode; identity when the server sends none.
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    if (request.fresh_connection) curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    BodySink sink{&response.body, request.max_response_bytes, false};
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    if (request.max_response_bytes != 0) {
        // Refused before the first byte when the server declares a larger Content-Length.
        curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                         static_cast<curl_off_t>(request.max_response_bytes));
    }
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    if (request.method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        const std::string& body = request.body ? *request.body : std::string();
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, body.c_str());
        if (request.method != "POST") {
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
    }

    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    long request_size = 0;
    long new_connections = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_size);
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &new_connections);
    m_connections += static_cast<std::uint64_t>(std::max(0L, new_connections));
    curl_slist_free_all(headers);
    give_back(curl);

    if (code != CURLE_OK) {
        std::string message = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
        if (sink.too_large || code == CURLE_FILESIZE_EXCEEDED) {
            return util::unexpected(TransportError{
                TransportErrorKind::too_large,
                "the answer is larger than " + size_text(request.max_response_bytes) +
                    ", the most this tool reads (DESCOPE_MGMT_MAX_RESPONSE_MB raises it)"});
        }
        return util::unexpected(TransportError{classify(code, request_size > 0), message});
    }
    response.status = static_cast<int>(status);
    return response;
}

}  // namespace descope_mgmt::api
