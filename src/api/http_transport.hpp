#pragma once
// The HTTP seam. HttpDescopeApi speaks to Descope through this interface, so that unit tests use
// the hand-written FakeTransport (tests/support/fake_transport.hpp) and never open a socket.
// The real implementation is CurlTransport (curl_transport.hpp).

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace descope_mgmt::api {

struct HttpRequest {
    std::string method;  // "GET" or "POST"
    std::string url;     // absolute: base URL + path (+ query)
    /// Header name/value pairs. Holds the Authorization header: never log a request's headers.
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<std::string> body;  // sent as is (JSON) when set
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{60'000};
    /// Send on a new connection. A request on a reused connection that dies before any answer
    /// is sent again by libcurl on its own; on a new one it never is. Set for creates without
    /// an id, which must never reach the server twice.
    bool fresh_connection = false;
    /// The largest answer body accepted, after decompression; 0 = no limit. A larger one is
    /// the transport error `too_large`.
    std::size_t max_response_bytes = 0;
};

struct HttpResponse {
    int status = 0;
    std::string body;
    /// Response headers with lower-case names (e.g. "retry-after").
    std::map<std::string, std::string> headers;

    /// The header `lower_case_name`, or nullopt.
    std::optional<std::string> header(const std::string& lower_case_name) const {
        auto it = headers.find(lower_case_name);
        if (it == headers.end()) return std::nullopt;
        return it->second;
    }
};

/// Why no HTTP answer arrived. The kind decides retries: only `connect_failed` proves that the
/// request never reached the server.
enum class TransportErrorKind {
    connect_failed,   // DNS or TCP connect failed, or timed out before anything was sent
    timeout,          // sent (maybe partly), no complete answer in time
    connection_lost,  // connection reset or closed without an answer after sending
    undecodable,      // the answer arrived damaged (a corrupt gzip stream): like a lost one
    too_large,        // the answer was bigger than HttpRequest::max_response_bytes (not retried)
    tls,              // certificate or handshake failure (not retried)
    invalid_request,  // bad URL, refused scheme, ... (not retried)
    other,            // anything else (not retried)
};

struct TransportError {
    TransportErrorKind kind = TransportErrorKind::other;
    std::string message;  // never contains request headers
};

/// Short name of the kind for logs: "connect failed", "timeout", ...
const char* to_string(TransportErrorKind kind);

class HttpTransport {
  public:
    virtual ~HttpTransport() = default;
    /// Performs one request and returns the answer (any status), or why there was none.
    /// Safe to call from several threads at once.
    virtual util::Result<HttpResponse, TransportError> send(const HttpRequest& request) = 0;
};

}  // namespace descope_mgmt::api
