#pragma once
// A hand-written HttpTransport for unit tests: answers from per-route scripts (consumed in
// order), then from a handler, then as an empty project (empty_project); records every request with
// the (fake) time it was submitted, and can take simulated time per request. Thread-safe.
//
//   test::FakeClock clock;
//   auto transport = std::make_shared<test::FakeTransport>(&clock);
//   transport->script("POST /v1/mgmt/tenant/create", {test::FakeTransport::status(503),
//                                                      test::FakeTransport::ok(R"({"id":"a"})")});

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "api/http_transport.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::test {

class FakeTransport final : public api::HttpTransport {
  public:
    using Answer = util::Result<api::HttpResponse, api::TransportError>;
    using Handler = std::function<Answer(const api::HttpRequest&)>;

    struct Recorded {
        api::HttpRequest request;
        std::string route;  // "POST /v1/mgmt/tenant/create" (path without base URL and query)
        std::string path;   // "/v1/mgmt/tenant?id=acme" (with query)
        util::Clock::time_point submitted_at{};
        util::Clock::time_point answered_at{};
    };

    /// `clock` (optional) timestamps requests and advances by the latency.
    explicit FakeTransport(util::Clock* clock = nullptr);

    /// Answers for `route` ("METHOD /path"), used one per request, in order.
    void script(const std::string& route, std::vector<Answer> answers);
    /// Answers requests that have no script left.
    void set_handler(Handler handler);
    /// Simulated time each request takes (the clock is advanced by it).
    void set_latency(util::Clock::duration latency);
    /// Called at every submission (before answering), e.g. to log an event.
    void set_on_submit(std::function<void(const Recorded&)> hook);

    Answer send(const api::HttpRequest& request) override;

    std::vector<Recorded> requests() const;
    /// Requests made to `route`.
    std::size_t count(const std::string& route) const;

    // Answer builders.
    static Answer ok(std::string body = "{}");
    /// What an empty project answers to `request`: `{"tenants":[]}` for tenant/all, the same
    /// for roles, permissions, flows and projects (Descope sends empty lists as `[]`, R16), and
    /// `{}` for anything else. The default answer of a request with no script and no handler.
    static Answer empty_project(const api::HttpRequest& request);
    static Answer status(int code, std::string body = "",
                         std::optional<int> retry_after_seconds = std::nullopt);
    static Answer error(int code, const std::string& error_code, const std::string& message);
    static Answer fail(api::TransportErrorKind kind, std::string message = "simulated");

  private:
    util::Clock* m_clock;
    mutable std::mutex m_mutex;
    std::map<std::string, std::deque<Answer>> m_scripts;
    Handler m_handler;
    util::Clock::duration m_latency{};
    std::function<void(const Recorded&)> m_on_submit;
    std::vector<Recorded> m_requests;
};

}  // namespace descope_mgmt::test
