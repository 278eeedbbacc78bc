#pragma once
// HttpTransport over libcurl. Connections are reused: each worker thread borrows an easy
// handle from a small pool, and an easy handle keeps its connections alive between requests,
// so a worker talks to the same host over one connection. TLS peer and host verification are
// always on; redirects are not followed (they would carry the Authorization header along);
// only http and https are allowed. <curl/curl.h> stays in the .cpp file.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "api/http_transport.hpp"

namespace descope_mgmt::api {

class CurlTransport final : public HttpTransport {
  public:
    CurlTransport();
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    /// Performs the request on a pooled handle. Thread-safe.
    util::Result<HttpResponse, TransportError> send(const HttpRequest& request) override;

    /// Connections opened so far (curl's CURLINFO_NUM_CONNECTS, summed): with reuse, about one
    /// per concurrent worker, not one per request.
    std::uint64_t connections_opened() const { return m_connections.load(); }

  private:
    void* borrow();
    void give_back(void* handle);

    std::mutex m_mutex;
    std::vector<void*> m_idle;  // CURL* handles not in use
    std::atomic<std::uint64_t> m_connections{0};
};

}  // namespace descope_mgmt::api
