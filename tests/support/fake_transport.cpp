#include "support/fake_transport.hpp"

namespace descope_mgmt::test {

namespace {

std::string path_of(const std::string& url) {
    const auto scheme = url.find("://");
    const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return slash == std::string::npos ? "/" : url.substr(slash);
}

}  // namespace

FakeTransport::FakeTransport(util::Clock* clock) : m_clock(clock) {}

void FakeTransport::script(const std::string& route, std::vector<Answer> answers) {
    std::lock_guard lock(m_mutex);
    for (auto& a : answers)
        m_scripts[route].push_back(std::move(a));
}

void FakeTransport::set_handler(Handler handler) {
    std::lock_guard lock(m_mutex);
    m_handler = std::move(handler);
}

void FakeTransport::set_latency(util::Clock::duration latency) {
    std::lock_guard lock(m_mutex);
    m_latency = latency;
}

void FakeTransport::set_on_submit(std::function<void(const Recorded&)> hook) {
    std::lock_guard lock(m_mutex);
    m_on_submit = std::move(hook);
}

FakeTransport::Answer FakeTransport::empty_project(const api::HttpRequest& request) {
    const std::string path = path_of(request.url);
    const std::string route = request.method + " " + path.substr(0, path.find('?'));
    if (route == "GET /v1/mgmt/tenant/all") return ok(R"({"tenants":[]})");
    if (route == "GET /v1/mgmt/role/all") return ok(R"({"roles":[]})");
    if (route == "GET /v1/mgmt/permission/all") return ok(R"({"permissions":[]})");
    if (route == "POST /v1/mgmt/flow/list") return ok(R"({"flows":[],"total":0})");
    if (route == "POST /v1/mgmt/projects/list") return ok(R"({"projects":[]})");
    return ok();
}

FakeTransport::Answer FakeTransport::send(const api::HttpRequest& request) {
    Recorded rec;
    rec.request = request;
    rec.path = path_of(request.url);
    rec.route = request.method + " " + rec.path.substr(0, rec.path.find('?'));
    if (m_clock) rec.submitted_at = m_clock->now();

    std::optional<Answer> answer;
    Handler handler;
    util::Clock::duration latency;
    std::function<void(const Recorded&)> on_submit;
    {
        std::lock_guard lock(m_mutex);
        on_submit = m_on_submit;
        latency = m_latency;
        handler = m_handler;
        auto it = m_scripts.find(rec.route);
        if (it != m_scripts.end() && !it->second.empty()) {
            answer = std::move(it->second.front());
            it->second.pop_front();
        }
    }
    if (on_submit) on_submit(rec);
    if (m_clock && latency > util::Clock::duration::zero()) {
        m_clock->sleep_until(m_clock->now() + latency);
    }
    if (!answer) answer = handler ? handler(request) : empty_project(request);
    if (m_clock) rec.answered_at = m_clock->now();
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(std::move(rec));
    }
    return std::move(*answer);
}

std::vector<FakeTransport::Recorded> FakeTransport::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

std::size_t FakeTransport::count(const std::string& route) const {
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto& r : m_requests)
        if (r.route == route) ++n;
    return n;
}

FakeTransport::Answer FakeTransport::ok(std::string body) {
    api::HttpResponse r;
    r.status = 200;
    r.body = std::move(body);
    return r;
}

FakeTransport::Answer FakeTransport::status(int code, std::string body,
                                            std::optional<int> retry_after_seconds) {
    api::HttpResponse r;
    r.status = code;
    r.body = std::move(body);
    if (retry_after_seconds) r.headers["retry-after"] = std::to_string(*retry_after_seconds);
    return r;
}

FakeTransport::Answer FakeTransport::error(int code, const std::string& error_code,
                                           const std::string& message) {
    return status(code, R"({"errorCode":")" + error_code +
                            R"(","errorDescription":"desc","errorMessage":")" + message + "\"}");
}

FakeTransport::Answer FakeTransport::fail(api::TransportErrorKind kind, std::string message) {
    return util::unexpected(api::TransportError{kind, std::move(message)});
}

}  // namespace descope_mgmt::test
